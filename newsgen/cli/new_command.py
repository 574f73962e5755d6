"""`newsgen new`: check the command line, then let scaffold.py write the article and print its path."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_OK, EXIT_USAGE
from newsgen.cli.site_folder import load_site_config


def run_new(args: argparse.Namespace, console: Console) -> int:
    from newsgen.cli import scaffold

    title = " ".join(args.title.split())
    if not title:
        console.problem("newsgen: the title is empty; write it in quotes: newsgen new \"Заголовок статті\"")
        return EXIT_USAGE
    if not scaffold.is_site(args.site):
        console.problem(f"newsgen: {args.site} is not a site (no newsgen.yaml, seeds/ or content/): nothing written; "
                        "give the site with --site SITE_DIR")
        return EXIT_USAGE
    if problem := new_article_problem(args):
        console.problem(f"newsgen: {problem}")
        return EXIT_USAGE
    config = load_site_config(args.site)
    article = scaffold.NewArticle(
        title, args.date or scaffold.today_in(config.timezone), scaffold.split_tags(args.tags), args.draft,
        authors=tuple(dict.fromkeys(" ".join(name.split()) for name in args.author if name.strip())),
        section=(args.section or "").strip(), lang=(args.lang or "").strip(), slug=(args.slug or "").strip(),
    )
    path = scaffold.create_article(config.content_dir, article, config.language)
    print(shown_path(path), flush=True)  # the result, also with -q: scripts open it in an editor
    return EXIT_OK


def new_article_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with `new`'s --section, --lang or --slug, if anything."""
    from newsgen.urls import section_slug_problem

    if args.section is not None and (problem := section_slug_problem(args.section.strip()) if args.section.strip()
                                     else "is empty"):
        return f"--section {problem}"
    if args.lang is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.lang.strip()):
        return f"--lang must be a language code such as uk or en, not {args.lang!r}"
    if args.slug is not None and (not args.slug.strip() or re.search(r"[\s/\\?#%]", args.slug.strip())):
        return f"--slug must be one URL part without spaces, / or ?, such as kyiv-metro, not {args.slug!r}"
    return None


def shown_path(path: Path) -> str:
    """Relative to the working folder when inside it: shorter to read and to type."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
