"""newsgen's build: pure Python by default; ``NEWSGEN_COMPILE=1`` compiles the entity tagger's
modules to C with mypyc (the same code, about twice as fast; see README, "A compiled tagger").

    pip install 'mypy==2.4.1' && NEWSGEN_COMPILE=1 pip install --no-build-isolation .
"""

import os

from setuptools import setup

# The tagger's hot path: reading paragraphs, names and their run-ons, and ranking them.
TAGGER_MODULES = [
    f"newsgen/text/{name}.py"
    for name in (
        "conventions", "entities", "found", "long_names", "names", "organisations",
        "paragraph", "quoted_names", "ranking", "sentences",
    )
]  # fmt: skip

ext_modules = []
if os.environ.get("NEWSGEN_COMPILE") == "1":
    try:
        from mypyc.build import mypycify
    except ImportError:
        raise SystemExit(
            "NEWSGEN_COMPILE=1 needs mypyc where the build runs: pip install 'mypy==2.4.1' "
            "'setuptools>=77', then NEWSGEN_COMPILE=1 pip install --no-build-isolation ."
        ) from None
    ext_modules = mypycify(TAGGER_MODULES, opt_level="3")

setup(ext_modules=ext_modules)
