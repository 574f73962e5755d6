"""newsgen.yaml: defaults, validation with file:line, command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.errors import SourceError
from newsgen.site.config import load_config


def config_error(site: Path, text: str) -> str:
    (site / "newsgen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config(site)
    return str(caught.value.diagnostic)


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert (config.title, config.language, config.per_page, config.base_url) == ("Новинний архів", "uk", 20, "/")
    assert config.seeds_dir == tmp_path.resolve() / "seeds"
    assert config.output_dir == tmp_path.resolve() / "build"


def test_values_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text(
        "title: Архів\nbase_url: https://example.org/archive\nper_page: 5\noutput_dir: public\n", encoding="utf-8"
    )
    config = load_config(tmp_path, {"base_url": "https://news.example/", "output_dir": None})
    assert config.title == "Архів" and config.per_page == 5
    assert config.base_url == "https://news.example/"
    assert config.output_dir == tmp_path.resolve() / "public"


def test_base_url_gets_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("base_url: https://example.org/archive\n", encoding="utf-8")
    assert load_config(tmp_path).base_url == "https://example.org/archive/"


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, "title: A\npage_size: 10\n")
    assert message.startswith(f"{tmp_path.resolve() / 'newsgen.yaml'}:2:1: 'page_size' is not a known setting")


def test_wrong_type_names_file_and_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, "title: A\n\nper_page: twenty\n")
    assert message == f"{tmp_path.resolve() / 'newsgen.yaml'}:3:1: 'per_page' must be a whole number, not str 'twenty'"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("per_page: 0\n", "'per_page' must be a whole number of at least 1"),
        ("per_page: true\n", "'per_page' must be a whole number, not bool"),
        ("slug_style: fancy\n", "'slug_style' must be one of: translit, unicode, ascii"),
        ("derive_tags: sometimes\n", "newsgen.yaml:1:1: 'derive_tags' must be one of: untagged, always, never"),
        ("language: Ukrainian\n", "'language' must be a language code"),
        ("timezone: Mars/Base\n", "'timezone' must be an IANA time zone"),
        ("base_url: example.org\n", "'base_url' must be an absolute URL"),
        ("- a\n- b\n", "expected a mapping"),
        ("title: [unclosed\n", "invalid YAML"),
    ],
)
def test_invalid_values(tmp_path: Path, text: str, fragment: str) -> None:
    assert fragment in config_error(tmp_path, text)


def test_bad_override_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="--base-url must be an absolute URL"):
        load_config(tmp_path, {"base_url": "not a url"})


def test_search_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("search: false\n", encoding="utf-8")
    assert load_config(tmp_path).search is False
    assert "'search' must be true or false" in config_error(tmp_path, "search: maybe\n")
