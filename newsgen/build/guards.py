"""What a build checks before it replaces the published site (README: "Output safety").

A build that would publish nothing from sources it found, or take down most of what
the output publishes now, is far more often a mistake (a wrong folder, a broken
checkout, a bad merge) than news. Both stop the build before anything is written.
Pure: counts and diagnostics in, an exception or nothing out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsgen.errors import BuildError, Diagnostic, Refusal

MAX_REMOVALS = 10  # a build may always take down this many articles
SHOWN_REASONS = 3


def refuse_empty_site(files: int, drafts: int, articles: int, problems: Sequence[Diagnostic]) -> None:
    """Raise BuildError when ``files`` sources were found but not one article is to be published.

    The message counts the reasons, most common first, each with its first place.
    """
    if articles or not files:
        return
    errors = [d for d in problems if d.severity == "error"]
    kinds = Counter(_kind(d.message) for d in errors)
    reasons = [f"{count} × {kind}; first: {next(d for d in errors if _kind(d.message) == kind)}"
               for kind, count in kinds.most_common(SHOWN_REASONS)]
    if drafts:
        reasons.append(f"{drafts} × a draft (build with --drafts to see them)")
    if not reasons:
        reasons.append("none of them holds an article")
    raise BuildError(f"no article to publish, from {files} source file{'' if files == 1 else 's'}: "
                     + "; ".join(reasons), tuple(problems))


def refuse_mass_removal(output: Path, published: int | None, articles: int, allowed: bool,
                        problems: Sequence[Diagnostic] = (), expired: int = 0) -> None:
    """Raise Refusal when the build would take down more than half of the ``published`` articles
    (and more than MAX_REMOVALS), unless ``allowed`` (--allow-removals). Articles that ``expired``
    come down on purpose and do not count."""
    removed = (published or 0) - articles - expired
    if allowed or removed <= MAX_REMOVALS or removed * 2 <= (published or 0):
        return
    raise Refusal(
        f"refusing to take down {removed} of the {published} articles {output} publishes now (this build has "
        f"{articles}); if that is intended, build again with --allow-removals", tuple(problems))


def _kind(message: str) -> str:
    """A problem's kind: its message without the quoted values that differ from file to file."""
    return re.sub(r"'[^']*'", "'…'", message)
