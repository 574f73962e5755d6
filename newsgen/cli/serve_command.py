"""`newsgen serve`: the dev server, stopped cleanly by Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_USAGE


def run_serve(args: argparse.Namespace, console: Console) -> int:
    from newsgen.serve import server as serve
    from newsgen.urls import SiteURLs

    base_path = SiteURLs(args.base_url).base_path if args.base_url else "/"
    options = serve.ServeOptions(
        site_dir=args.site_dir, host=args.host, port=args.port, drafts=args.drafts, search=not args.no_search,
        base_path=base_path,
        output=args.output.resolve() if args.output else None, open_browser=args.open, log_requests=args.verbose,
        cache_dir=args.cache_dir.resolve() if args.cache_dir else None,
    )
    try:
        with interrupt_on_signals():
            return serve.run(options, console)
    except serve.ServeError as exc:
        console.problem(f"newsgen: {exc}")
        return EXIT_USAGE


@contextlib.contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM stop `serve` cleanly (as KeyboardInterrupt in this thread), even where
    a parent shell ignores SIGINT for background jobs.

    Forked build workers inherit the handler: there Ctrl-C is left to this process (a worker
    killed mid-task would hang its pool), and SIGTERM, which multiprocessing uses to stop
    its workers, ends them as if no handler were set.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def interrupt(signum: int, _frame: object) -> None:
        if os.getpid() == owner:
            raise KeyboardInterrupt
        if signum == signal.SIGTERM:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
