"""Shared fixtures for the language layer tests: the real sample seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4d383fa7119027c0.txt"


def read_seed_paragraphs(path: Path = SEED) -> list[str]:
    """The body paragraphs of a one-article seed file (a minimal reader, not the loader)."""
    text = path.read_text(encoding="utf-8").lstrip("\ufeff").strip()
    assert text.startswith("date "), "a seed file starts with 'date YYYY-MM-DD'"
    body = text.split(" ", 2)[2]
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]


@pytest.fixture(scope="session")
def seed_paragraphs() -> list[str]:
    return read_seed_paragraphs()
