"""Diagnostics are data: each problem names its file, line and column.

The loader collects problems and keeps going; the CLI turns the collection
into an exit code. No newsgen imports here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # shown with --verbose only: what newsgen decided for the author (never a problem)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the input, positioned as precisely as we know."""

    path: Path | None
    line: int | None  # 1-based
    column: int | None  # 1-based
    message: str
    severity: str = ERROR
    hint: str | None = None

    @property
    def location(self) -> str:
        parts = [str(self.path) if self.path is not None else "<newsgen>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        label = "" if self.severity == ERROR else f"{self.severity}: "
        text = f"{self.location}: {label}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class SourceError(Exception):
    """A problem in one source that stops that source (not the build)."""

    def __init__(
        self,
        path: Path | None,
        line: int | None,
        message: str,
        *,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.diagnostic = Diagnostic(path, line, column, message, ERROR, hint)
        super().__init__(str(self.diagnostic))

    def __reduce__(self):  # noqa: ANN204 - keeps the diagnostic when sent between processes
        d = self.diagnostic
        return (_source_error, (d.path, d.line, d.message, d.column, d.hint))


class BuildError(Exception):
    """A problem that stops the whole build; the previous output stays as it was."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        self.diagnostics = diagnostics
        super().__init__(message)

    def __reduce__(self):  # noqa: ANN204 - keeps the diagnostics when sent between processes
        return (BuildError, (str(self), self.diagnostics))


class Refusal(BuildError):
    """The build will not run as asked, to protect the published site or the sources (exit 2)."""

    def __reduce__(self):  # noqa: ANN204 - a subclass must name itself to travel between processes
        return (Refusal, (str(self), self.diagnostics))


def _source_error(path: Path | None, line: int | None, message: str, column: int | None, hint: str | None) -> SourceError:
    return SourceError(path, line, message, column=column, hint=hint)


@dataclass(slots=True)
class Diagnostics:
    """Collects every problem of a run, in the order found."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, path: Path | None, line: int | None, message: str, **kw: object) -> None:
        self.add(Diagnostic(path, line, kw.get("column"), message, ERROR, kw.get("hint")))  # type: ignore[arg-type]

    def warning(self, path: Path | None, line: int | None, message: str, **kw: object) -> None:
        self.add(Diagnostic(path, line, kw.get("column"), message, WARNING, kw.get("hint")))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def __len__(self) -> int:
        return len(self.items)
