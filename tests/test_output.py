"""Output safety: staged writes, atomic swap, marker, and refusing folders newsgen did not create."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.build.output import MARKER, remove_stale_staging, staged_output, write_file
from newsgen.errors import BuildError


def test_first_build_creates_a_marked_folder(tmp_path: Path) -> None:
    out = tmp_path / "build"
    with staged_output(out, []) as staging:
        write_file(staging, "index.html", b"new")
        assert not out.exists(), "nothing is visible before the build completes"
    assert (out / "index.html").read_bytes() == b"new"
    assert (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["build"], "no staging folder is left behind"


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "build"
    with staged_output(out, []) as staging:
        write_file(staging, "index.html", b"old")
    with pytest.raises(RuntimeError), staged_output(out, []) as staging:
        write_file(staging, "index.html", b"half")
        raise RuntimeError("template exploded")
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_a_rebuild_replaces_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "build"
    with staged_output(out, []) as staging:
        write_file(staging, "gone/index.html", b"x")
    with staged_output(out, []) as staging:
        write_file(staging, "index.html", b"y")
    assert not (out / "gone").exists() and (out / "index.html").exists()


def test_refuses_a_non_empty_folder_it_did_not_create(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(BuildError, match="not empty and was not created by newsgen"), staged_output(documents, []):
        pass
    assert (documents / "thesis.docx").read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]


def test_an_empty_folder_of_the_user_is_claimed(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    with staged_output(out, []) as staging:
        write_file(staging, "index.html", b"x")
    assert (out / MARKER).is_file() and (out / "index.html").is_file()


def test_refuses_to_write_over_the_sources(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    with pytest.raises(BuildError, match="holds the site's sources"), staged_output(tmp_path, [tmp_path / "seeds"]):
        pass


def test_refuses_a_file_as_output(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("file")
    with pytest.raises(BuildError, match="it is a file"), staged_output(tmp_path / "out", []):
        pass


def test_write_file_refuses_paths_that_leave_the_output(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    for bad in ("../escape.html", "/etc/passwd-copy", "a/../../escape.html"):
        with pytest.raises(BuildError, match="outside the output folder"):
            write_file(root, bad, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]


def test_stale_staging_is_removed_only_when_marked(tmp_path: Path) -> None:
    ours = tmp_path / ".build.staging-123"
    ours.mkdir()
    (ours / MARKER).write_text("x")
    theirs = tmp_path / ".build.staging-456"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("x")
    remove_stale_staging(tmp_path / "build")
    assert not ours.exists() and (theirs / "keep.txt").exists()


def test_a_commit_killed_halfway_is_finished_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    """The journal lists every move; replayed, the moves already made are skipped and the rest made."""
    from newsgen.build import output as output_module
    from newsgen.build.output import JOURNAL, StagedOutput

    out = tmp_path / "build"
    with staged_output(out, []) as staging:
        write_file(staging, "index.html", b"v1")
        write_file(staging, "old/index.html", b"old")
    replace, moved = output_module.os.replace, []

    def killed_after_two(source: str, target: str) -> None:
        if len(moved) == 2:
            raise KeyboardInterrupt  # the process dies here: two moves made, the journal in place
        moved.append(target)
        replace(source, target)

    monkeypatch.setattr(output_module.os, "replace", killed_after_two)
    with pytest.raises(KeyboardInterrupt), StagedOutput.open(out, []) as staged:
        for name in ("index.html", "tag/a/index.html", "tag/b/index.html", "2026/01/index.html"):
            write_file(staged.staging, name, f"v2 {name}".encode())
        kept = staged.staging.rename(tmp_path / "killed")  # what a killed process leaves: the cleanup never runs
        staged.staging = kept
        staged.commit_changes(["old/index.html"], "v2")
    monkeypatch.setattr(output_module.os, "replace", replace)
    assert (kept / JOURNAL).is_file() and len(moved) == 2
    kept.rename(tmp_path / f".build{output_module._STAGING}999")
    remove_stale_staging(out)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != MARKER}
    assert files == {name: f"v2 {name}".encode()
                     for name in ("index.html", "tag/a/index.html", "tag/b/index.html", "2026/01/index.html")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_a_file_of_known_signature_is_read_only_when_the_output_lacks_it(tmp_path: Path) -> None:
    from newsgen.build.output import StagedOutput, publish
    from newsgen.digests import StoredBytes, bytes_digest

    out = tmp_path / "site"

    def never() -> bytes:
        raise AssertionError("read although the output holds it")

    with StagedOutput.open(out, []) as staged:
        first = publish(staged, {"a.txt": b"A", "b.txt": b"B"}, {}, {}, 0)
    previous = {"a.txt": bytes_digest(b"A"), "b.txt": bytes_digest(b"B")}
    manifest: dict[str, str] = {}
    with StagedOutput.open(out, []) as staged:
        second = publish(staged, {"a.txt": StoredBytes(bytes_digest(b"A"), never), "b.txt": StoredBytes(
            bytes_digest(b"B2"), lambda: b"B2")}, manifest, previous, 0)
    assert (out / "a.txt").read_bytes() == b"A" and (out / "b.txt").read_bytes() == b"B2"
    assert manifest == {"a.txt": bytes_digest(b"A"), "b.txt": bytes_digest(b"B2")} and second != first
