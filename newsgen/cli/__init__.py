"""The command line: build, serve, new, check, import."""
