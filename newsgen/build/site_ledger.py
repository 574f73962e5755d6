"""The URL ledger as the recipe uses it: read strictly before loading, written after publishing."""

from __future__ import annotations

import datetime

from newsgen.build.output import replace_file
from newsgen.errors import BuildError
from newsgen.site.config import LEDGER_NAME, SiteConfig
from newsgen.site.ledger import Entry, format_ledger, parse_ledger
from newsgen.site.placing import Ledger


def parsed_ledger(config: SiteConfig, text: str, now: datetime.datetime | None) -> Ledger:
    """The site's URL ledger; a line newsgen cannot read stops the build (URLs would move)."""
    path = config.site_dir / LEDGER_NAME
    entries, problems = parse_ledger(text, path)
    if problems:
        raise BuildError(f"{path}: {len(problems)} line(s) cannot be read; nothing was written", tuple(problems))
    return Ledger(path, config.site_dir, text, tuple(entries), now)


def record_urls(ledger: Ledger, entries: list[Entry]) -> str:
    """Write the URL ledger if it changed; its text now."""
    text = format_ledger(entries)
    if text != ledger.text:
        try:
            replace_file(ledger.path, text.encode("utf-8"))
        except OSError as exc:
            raise BuildError(f"the site was published, but {ledger.path} could not be written ({exc.strerror}); "
                             "the next build records its URLs") from None
    return text
