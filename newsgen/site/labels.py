"""A site's own interface words: labels/<lang>.yaml beside newsgen.yaml, one `name: text` line each,
over newsgen's (text/labels.py). Read with the configuration, so they are settings every page is made with."""

from __future__ import annotations

import re
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.text.labels import SiteLabels
from newsgen.text.language_guess import base_language
from newsgen.yamlmap import read_yaml_mapping

LABELS_FOLDER = "labels"


def label_files(site_dir: Path) -> list[Path]:
    """The site's labels/<lang>.yaml files, in order."""
    folder = site_dir / LABELS_FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def read_site_labels(site_dir: Path) -> SiteLabels:
    """The site's own labels, by language, from labels/<lang>.yaml; a bad file raises SourceError at its line."""
    languages = []
    for path in label_files(site_dir):
        if not _LANGUAGE_FILE.fullmatch(path.stem):
            raise SourceError(path, None, f"{path.name} is not named after a language code",
                              hint="name it like uk.yaml, en.yaml or en-GB.yaml")
        try:
            entries = read_yaml_mapping(path.read_text(encoding="utf-8-sig"), path)
        except UnicodeDecodeError as exc:
            raise SourceError(path, None, f"not valid UTF-8 ({exc.reason})") from None
        for name, entry in entries.items():
            if not isinstance(entry.value, str) or not entry.value.strip():
                raise SourceError(path, entry.line, f"the label '{name}' must be text", column=entry.column)
        languages.append((base_language(path.stem), tuple(sorted((name, entry.value) for name, entry in entries.items()))))
    return tuple(languages)


_LANGUAGE_FILE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
