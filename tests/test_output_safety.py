"""Output safety (README "Output safety"): what a build refuses to do to the published site.

Refused sites are kept as data under tests/refused/: each folder is a site, with an
``expected.txt`` of three parts: the command line (``{site}`` is the site's folder),
the exit status, and the lines that must be on stderr, in order.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgen.build import output as output_module, rendering
from newsgen.build.output import MARKER
from newsgen.cli.main import main
from tests.conftest import write_project

ABSOLUTE = {"newsgen.yaml": "base_url: https://example.org/\n"}  # no warning about relative URLs
REFUSED = sorted(p for p in (Path(__file__).parent / "refused").iterdir() if p.is_dir())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _seeds(count: int, first: int = 1) -> dict[str, str]:
    return {f"seeds/n{n:02d}.txt": f"date 2026-01-{n:02d}\nНовина номер {n} про Київ.\n" for n in range(first, count + 1)}


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_a_refused_site_is_named_and_nothing_is_written(case: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / case.name
    shutil.copytree(case, site)
    command, status, *lines = (site / "expected.txt").read_text(encoding="utf-8").format(site=site).splitlines()
    (site / "expected.txt").unlink()
    before = _files(tmp_path)
    assert main([*command.split(), str(site)]) == int(status)
    err = capsys.readouterr().err
    for line in lines:
        assert line in err, err
        err = err[err.index(line) + len(line):]
    written = {path for path in _files(tmp_path).keys() - before.keys() if "/.newsgen/" not in path}
    assert not written and not (site / "build").exists(), "a refused build wrote something"
    assert status == "1" or not (site / ".newsgen").exists(), "a site that was refused at once got a cache"


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve", "--port", "0"]])
def test_a_mistyped_site_folder_is_an_error_that_writes_nothing(command: list[str], tmp_path: Path) -> None:
    output = tmp_path / "www" / "news"
    write_project(output, {MARKER: "x", "index.html": "<p>the published site</p>"})
    mistyped = tmp_path / "myarchvie"
    arguments = [command[0], str(mistyped), *command[1:], *(["-o", str(output)] if command[0] != "check" else [])]
    result = subprocess.run([sys.executable, "-m", "newsgen", *arguments], capture_output=True, text=True,
                            timeout=60, check=False)  # a serve that started would run until the timeout
    assert result.returncode == 2
    assert f"{mistyped}: no such site folder" in result.stderr
    assert not mistyped.exists()
    assert _files(tmp_path / "www") == {f"news/{MARKER}": b"x", "news/index.html": b"<p>the published site</p>"}


def test_a_build_that_would_take_down_most_articles_is_refused_unless_allowed(make_project, capsys) -> None:
    site = make_project(ABSOLUTE | _seeds(15))
    assert main(["build", str(site), "-q", "--no-search"]) == 0
    published = _files(site / "build")
    for name in list(_seeds(13)):
        (site / name).unlink()  # a checkout of the wrong branch, a half-synced folder
    assert main(["build", str(site), "--no-search"]) == 2
    err = capsys.readouterr().err
    assert f"refusing to take down 13 of the 15 articles {(site / 'build').resolve()} publishes now" in err
    assert "--allow-removals" in err and len(err.splitlines()) == 1
    assert _files(site / "build") == published
    assert main(["build", str(site), "-q", "--no-search", "--allow-removals"]) == 0
    assert len(list((site / "build/2026/01").glob("??/*/index.html"))) == 2


@pytest.mark.parametrize(("published", "left"), [(15, 8), (12, 2), (30, 15)])
def test_removing_half_or_at_most_ten_articles_needs_no_permission(published: int, left: int, make_project) -> None:
    site = make_project(ABSOLUTE | _seeds(published))
    assert main(["build", str(site), "-q", "--no-search"]) == 0
    for name in list(_seeds(published - left)):
        (site / name).unlink()
    assert main(["build", str(site), "-q", "--no-search"]) == 0
    assert len(list((site / "build/2026/01").glob("??/*/index.html"))) == left


def test_a_full_disk_is_one_line_and_the_previous_site_stays(make_project, monkeypatch, capsys) -> None:
    site = make_project(ABSOLUTE | _seeds(3))
    assert main(["build", str(site), "-q", "--no-search"]) == 0
    published = _files(site / "build")
    write_project(site, _seeds(4))

    def full(root: Path, relative: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(root / relative))

    monkeypatch.setattr(rendering, "write_file", full)  # the edge where pages are written
    assert main(["build", str(site), "--no-search", "--jobs", "1"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsgen: {site.resolve()}/.build.staging-") and ": no space left on device" in line
    assert _files(site / "build") == published
    assert sorted(p.name for p in site.iterdir()) == [".newsgen", "build", "newsgen.yaml", "seeds", "urls.tsv"]


def test_a_read_only_output_folder_is_one_line_and_the_previous_site_stays(make_project, monkeypatch,
                                                                             capsys) -> None:
    site = make_project(ABSOLUTE | _seeds(3))
    assert main(["build", str(site), "-q", "--no-search"]) == 0
    published = _files(site / "build")
    write_project(site, _seeds(4))
    make_folder = Path.mkdir

    def read_only(path: Path, *args: object, **kwargs: object) -> None:
        if ".staging-" in path.name:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        make_folder(path, *args, **kwargs)

    monkeypatch.setattr(output_module.Path, "mkdir", read_only)
    assert main(["build", str(site), "--no-search"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsgen: {site.resolve()}/.build.staging-") and ": read-only file system (" in line
    assert _files(site / "build") == published


def test_the_cache_lives_with_the_sources_never_beside_the_output(make_project, tmp_path: Path) -> None:
    secret = "Чернетка-розслідування-7"
    site = make_project({**_seeds(2), "content/draft.md": f"---\ntitle: {secret}\ndate: 2026-01-03\ndraft: true\n---\n"
                                                          f"{secret} текст.\n"})
    www = tmp_path / "www"
    www.mkdir()
    for name in ("news", "preview"):  # one site, two outputs: a cache folder each
        assert main(["build", str(site), "-o", str(www / name), "-q"]) == 0
    assert sorted(p.name for p in www.iterdir()) == ["news", "preview"], "the outputs' folder holds only the sites"
    assert not [path for path, data in _files(www).items() if secret.encode() in data or "newsgen-cache" in path]
    cache = site / ".newsgen"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*" and (cache / "CACHEDIR.TAG").is_file()
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2
    assert any(secret.encode() in data for data in _files(cache).values()), "the drafts' text is in the cache"
    git = subprocess.run(["git", "init", "-q", str(site)], capture_output=True, check=False)
    if git.returncode == 0:  # git's own verdict: nothing in the cache folder would be committed
        status = subprocess.run(["git", "-C", str(site), "status", "--porcelain", "--untracked-files=all"],
                                capture_output=True, text=True, check=True).stdout
        assert ".newsgen" not in status and "seeds/n01.txt" in status


def test_cache_dir_puts_the_cache_where_it_says(make_project, tmp_path: Path) -> None:
    site = make_project(ABSOLUTE | _seeds(2))
    assert main(["build", str(site), "--cache-dir", str(tmp_path / "ci-cache"), "-q"]) == 0
    assert not (site / ".newsgen").exists()
    assert [p.name for p in (tmp_path / "ci-cache").glob("build-*/cache.sqlite")] == ["cache.sqlite"]
    assert [p.name for p in (tmp_path / "ci-cache").glob("build-*/search")] == ["search"]


def test_static_links_that_leave_the_site_are_skipped_with_a_warning(make_project, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "private"
    write_project(outside, {"passwd": "root:x:0:0", "keys/id": "secret key"})
    site = make_project({**_seeds(1), "static/css/site.css": "body{}", "notes/logo.svg": "<svg/>"})
    (site / "static/passwd").symlink_to(outside / "passwd")
    (site / "static/keys").symlink_to(outside / "keys")
    (site / "static/logo.svg").symlink_to(site / "notes/logo.svg")  # inside the site: published
    (site / "static/notes").symlink_to(site / "notes")
    assert main(["build", str(site), "--no-search"]) == 0
    err = capsys.readouterr().err
    published = _files(site / "build/static")
    assert "passwd" not in published and not [name for name in published if name.startswith("keys")]
    assert published["logo.svg"] == b"<svg/>" and published["notes/logo.svg"] == b"<svg/>"
    assert published["css/site.css"] == b"body{}"
    assert f"{site}/static/keys: warning: left out: a link to {outside}/keys, outside the site" in err
    assert f"{site}/static/passwd: warning: left out: a link to {outside}/passwd, outside the site" in err


def test_articles_that_expired_are_no_accidental_removal(tmp_path: Path) -> None:
    """`expires:` takes articles down on purpose (README "Scheduled publishing"): they never count."""
    from newsgen.build.guards import refuse_mass_removal
    from newsgen.errors import Refusal

    refuse_mass_removal(tmp_path, published=30, articles=5, allowed=False, expired=20)
    with pytest.raises(Refusal, match="refusing to take down 25 of the 30 articles"):
        refuse_mass_removal(tmp_path, published=30, articles=5, allowed=False)
    refuse_mass_removal(tmp_path, published=30, articles=5, allowed=True)
    refuse_mass_removal(tmp_path, published=None, articles=0, allowed=False)  # an output of an older newsgen
