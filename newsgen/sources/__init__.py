"""Discover source files, decode their bytes and parse them into SourceArticle records."""

from newsgen.sources.discover import SourceFile, discover_sources, parse_source

__all__ = ["SourceFile", "discover_sources", "parse_source"]
