"""Discover source files, decode their bytes and parse them into SourceArticle records."""

from newsgen.records import SourceFile
from newsgen.sources.discover import discover_sources, parse_source

__all__ = ["SourceFile", "discover_sources", "parse_source"]
