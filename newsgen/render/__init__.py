"""Turning the plan into bytes: the Jinja theme, pages, feeds, sitemaps, host rules."""
