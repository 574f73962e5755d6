"""The page side of live reload: the script added to every served HTML page, and the error overlay it draws.

The script is added to responses only, never to the files on disk.
"""

from __future__ import annotations

import dataclasses
import json
from html import escape
from pathlib import Path

from newsgen.errors import Diagnostic
from newsgen.serve.live_reload import EVENTS_PATH, Snapshot
from newsgen.text.labels import SiteLabels, labels_for

# The page side of live reload. It reloads when a newer good build is announced,
# and draws the overlay with textContent only (diagnostics are never parsed as HTML).
_CLIENT_JS = """(function (state, WORDS) {
  var ID = "newsgen-overlay";
  function show(errors) {
    var old = document.getElementById(ID);
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div"), add = function (tag, text, parent) {
      var el = document.createElement(tag); el.textContent = text; (parent || box).appendChild(el); return el;
    };
    box.id = ID; box.setAttribute("role", "alert"); box.title = WORDS.serve_hide; box.lang = WORDS.lang;
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(40,0,0,.97);color:#fff;font:15px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
    var rule = new Intl.PluralRules(WORDS.lang).select(errors.length);
    add("strong", (WORDS["serve_errors_" + rule] || WORDS.serve_errors_other).replace("{n}", errors.length));
    var list = add("ul", "");
    errors.forEach(function (text) { add("li", text, list); });
    add("p", state.build ? WORDS.serve_fix : WORDS.serve_nothing_built);
    box.addEventListener("click", function () { box.remove(); });
    document.body.appendChild(box);
  }
  show(state.errors);
  var source = new EventSource("%(events)s");
  source.onmessage = function (event) {
    var next = JSON.parse(event.data);
    if (next.build !== state.build && !next.errors.length) { source.close(); location.reload(); return; }
    show(next.errors);
  };
})(%(state)s, %(words)s);"""


def serve_words(lang: str, site_labels: SiteLabels = ()) -> str:
    """What the overlay says, in ``lang`` (the site's first language), as JSON for the live script."""
    labels = labels_for(lang, site_labels)
    words = {name: text for name, text in labels.items() if name.startswith("serve_")}
    return json.dumps({"lang": lang, **words}, ensure_ascii=True)


ENGLISH_WORDS = serve_words("en")


def not_found_page(lang: str, site_labels: SiteLabels = ()) -> bytes:
    """The dev server's own answer for a path the site has no file for (before a 404.html is built)."""
    title = escape(labels_for(lang, site_labels)["not_found"])
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8"><title>404 {title}</title>'
            f"</head><body><h1>404 {title}</h1></body></html>\n").encode()


def live_script(snapshot: Snapshot, words: str | None = None) -> bytes:
    """The page's live-reload script; ``words``: what its overlay says (``serve_words``; English by default)."""
    state = snapshot.to_json().replace("<", "\\u003c")  # cannot close the <script> element
    words = (words or ENGLISH_WORDS).replace("<", "\\u003c")
    return f"<script>{_CLIENT_JS % {'events': EVENTS_PATH, 'state': state, 'words': words}}</script>\n".encode()


def inject_live_script(html: bytes, snapshot: Snapshot, words: str | None = None) -> bytes:
    """The page with the live-reload script before its last </body> (or at the end)."""
    at = html.lower().rfind(b"</body>")
    script = live_script(snapshot, words)
    return html + script if at < 0 else html[:at] + script + html[at:]


def describe(diagnostic: Diagnostic, site_dir: Path) -> str:
    """``path:line: message`` with the path relative to the site when it is inside it."""
    if diagnostic.path is None:
        return f"newsgen: {diagnostic.message}"
    if diagnostic.path.is_absolute() and diagnostic.path.is_relative_to(site_dir):
        diagnostic = dataclasses.replace(diagnostic, path=diagnostic.path.relative_to(site_dir))
    return str(diagnostic)
