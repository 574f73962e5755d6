"""The build: the recipe, its memory (the cache), worker processes, and the only writes to the output."""
