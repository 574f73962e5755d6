"""The recipe's first stage, discover: every file a build reads, and their fingerprint. Light.

A build whose fingerprint and clock match the build that wrote the output has nothing
to do (builder.py); the fingerprint is made from file signatures, without reading the files.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from newsgen.build.memo import file_signatures
from newsgen.build.options import BuildOptions, content_settings
from newsgen.digests import digest, text_digest
from newsgen.errors import BuildError
from newsgen.render.theme_files import BUILTIN_STATIC, site_static_files, template_files
from newsgen.site.config import CONFIG_NAME, LEDGER_NAME, SiteConfig
from newsgen.site.labels import label_files
from newsgen.sources import SourceFile, discover_sources
from newsgen.sources.foreign import bundle_assets, detect_layout
from newsgen.sources.sidecar import sidecar_path
from newsgen.sources.sourcesite import settings_files


@dataclass(frozen=True, slots=True)
class FoundInputs:
    """What a build reads, as found before anything is loaded."""

    sources: list[SourceFile]  # the source files, in a stable order
    signatures: dict[str, str | None]  # path -> memo.file_signature of every file read that exists
    fingerprint: str | None  # of all of them and the settings; None when a file is too fresh to tell
    ledger_text: str  # the URL ledger (urls.tsv) as it is now

    @property
    def fingerprint_with_ledger(self) -> str | None:
        return with_ledger(self.fingerprint, self.ledger_text)


def discover(config: SiteConfig, options: BuildOptions) -> FoundInputs:
    """Find the sources and every other file the build reads; read only the URL ledger."""
    sources = discover_sources(config.seeds_dir, config.content_dir)
    signatures = _input_signatures(config, sources)
    return FoundInputs(sources, dict(signatures), _inputs_fingerprint(config, options, signatures),
                       read_ledger(config.site_dir))


def read_ledger(site_dir: Path) -> str:
    """The site's URL ledger (urls.tsv, see site/ledger.py) as text; "" when it has none yet."""
    path = site_dir / LEDGER_NAME
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path}: not valid UTF-8 ({exc.reason}); the URLs of articles depend on it") from None
    except OSError as exc:
        raise BuildError(f"{path}: cannot be read ({exc.strerror}); the URLs of articles depend on it") from None


def with_ledger(fingerprint: str | None, ledger_text: str) -> str | None:
    """The inputs' fingerprint with the URL ledger's text: a build stores it with the ledger it wrote."""
    return None if fingerprint is None else digest(fingerprint, text_digest(ledger_text))


def _input_signatures(config: SiteConfig, sources: list[SourceFile]) -> list[tuple[str, str | None]]:
    """(path, signature) of every file a build reads that exists; None for one too fresh to be trusted."""
    site_statics, links_out = site_static_files(config.static_dir, config.site_dir)  # a link gone: its warning too
    statics = [*BUILTIN_STATIC.rglob("*"), *site_statics.values(), *links_out]
    files = [source.path for source in sources] + template_files(config.templates_dir) + sorted(statics)
    files += [sidecar_path(s.path) for s in sources if s.source_format == "seed"]  # left out when missing
    files += [config.site_dir / CONFIG_NAME, *settings_files(detect_layout(config.content_dir))]  # imported: URLs
    files += label_files(config.site_dir)  # the site's own labels (read with newsgen.yaml)
    files += [asset for s in sources if s.facts.bundle for _, asset in bundle_assets(s.facts.bundle)]
    return file_signatures(files)


def _inputs_fingerprint(config: SiteConfig, options: BuildOptions, signatures: list[tuple[str, str | None]]
                        ) -> str | None:
    """Everything a build reads, by file signature: equal fingerprints give an equal site.

    None when a file is too fresh to have a trustworthy signature.
    """
    if any(signature is None for _, signature in signatures):
        return None
    # Paths and signatures joined by NUL, which neither holds, hash at half the cost of their repr.
    files = text_digest("\0".join(itertools.chain.from_iterable(signatures)))  # type: ignore[arg-type]
    return digest(content_settings(config), options.drafts, options.future, files)
