"""The dev server: rebuild on change, live reload, error overlay."""
