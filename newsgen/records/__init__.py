"""Frozen records passed between the pipeline stages. No I/O, no newsgen imports outside this package.

article.py holds an article's records (parsed, derived, published), source_file.py the files
discovery hands to loading, pickling.py how they travel to the build cache and back (importing
this package registers it). Import them from here: ``from newsgen.records import Article``.
"""

from newsgen.records.article import (
    NO_EDITORIAL, TAG_KINDS, Article, Body, BodyReference, Correction, Derivation, Editorial, FrozenMapping,
    LeadImage, Placement, SourceArticle, Tag, UnreadText, pickled_by_fields,
)
from newsgen.records.pickling import with_field
from newsgen.records.source_file import HUGO, JEKYLL, NEWSGEN, NO_FACTS, ZOLA, FileFacts, SourceFile, child_path

__all__ = [
    "HUGO", "JEKYLL", "NEWSGEN", "NO_EDITORIAL", "NO_FACTS", "TAG_KINDS", "ZOLA", "Article", "Body", "BodyReference",
    "Correction", "Derivation", "Editorial", "FileFacts", "FrozenMapping", "LeadImage", "Placement", "SourceArticle",
    "SourceFile", "Tag", "UnreadText", "child_path", "pickled_by_fields", "with_field",
]
