"""Render one planned page to bytes. Pure given the environment.

Template errors are turned into diagnostics that name the template file and
line, the way a writer needs to see them.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from newsgen.errors import BuildError, Diagnostic
from newsgen.plan.pages import PageSpec


def render_page(spec: PageSpec, env: jinja2.Environment) -> bytes:
    """The page's HTML as UTF-8 bytes, or BuildError naming the template and line."""
    try:
        template = env.get_template(spec.template)
        return template.render(spec.make_context()).encode("utf-8")
    except jinja2.TemplateNotFound as exc:
        raise _template_error(None, None, f"template {exc.name!r} not found", spec) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc.filename or exc.name, exc.lineno, exc.message or str(exc), spec) from exc
    except jinja2.TemplateError as exc:
        filename, line = _failing_frame(exc)
        raise _template_error(filename, line, str(exc), spec) from exc


def _template_error(filename: str | None, line: int | None, message: str, spec: PageSpec) -> BuildError:
    diagnostic = Diagnostic(
        Path(filename) if filename else Path(spec.template), line, None,
        f"template error while rendering {spec.route}: {message}",
    )
    return BuildError(str(diagnostic), (diagnostic,))


def _failing_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a runtime error: Jinja maps it to the template's line."""
    filename, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".html", ".xml", ".txt", ".svg")) or "<template>" in code.co_filename:
            filename, line = code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return filename, line
