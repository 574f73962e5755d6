"""Regenerate the golden pages: `python -m tests.golden` (then review the diff like code)."""

from __future__ import annotations

import shutil

from tests.golden.test_golden import EXPECTED, GOLDEN_PAGES, build_golden_site


def main() -> None:
    output = build_golden_site()
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for page in GOLDEN_PAGES:
        target = EXPECTED / page
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(output / page, target)
        print(f"wrote {target}")
    shutil.rmtree(output.parent.parent)


if __name__ == "__main__":
    main()
