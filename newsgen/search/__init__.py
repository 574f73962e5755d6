"""The Pagefind search index: per-article records, shards, and the bundle."""
