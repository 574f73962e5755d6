"""The tagger compiled to C (setup.py with NEWSGEN_COMPILE=1, mypyc) gives the pure Python
tagger's tags: the modules are compiled from a copy of the source, then the equivalence
fixture's articles are tagged with them in a separate interpreter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("fixtures") / "entities_expected.json"
HOT_MODULES = ("paragraph", "long_names", "names", "ranking", "entities")

_TAG_WITH_THE_COPY = """
import importlib, json, sys
for name in sys.argv[2:]:
    module = importlib.import_module(f"newsgen.text.{name}")
    assert module.__file__.endswith(".so"), module.__file__  # compiled, not the .py beside it
from newsgen.text.entities import extract_entity_tags
cases = json.loads(open(sys.argv[1], encoding="utf-8").read())
tags = [extract_entity_tags(case["paragraphs"], lang=case["lang"], limit=8) for case in cases]
print(json.dumps([[[t.name, t.kind, t.key, t.score] for t in article] for article in tags], ensure_ascii=False))
"""


def test_the_compiled_tagger_gives_the_pure_taggers_tags(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "newsgen", tmp_path / "newsgen", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    build = subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace"],
        cwd=tmp_path, env={**os.environ, "NEWSGEN_COMPILE": "1"}, capture_output=True, text=True,
    )  # fmt: skip
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    tagged = subprocess.run(
        [sys.executable, "-c", _TAG_WITH_THE_COPY, str(FIXTURE), *HOT_MODULES],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True,
    )  # fmt: skip
    assert tagged.returncode == 0, tagged.stderr[-4000:]
    cases = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert json.loads(tagged.stdout) == [case["tags"]["8"] for case in cases]
