"""The page side of live reload: the script added to every served HTML page, and the error overlay it draws.

The script is added to responses only, never to the files on disk.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newsgen.errors import Diagnostic
from newsgen.serve.live_reload import EVENTS_PATH, Snapshot

# The page side of live reload. It reloads when a newer good build is announced,
# and draws the overlay with textContent only (diagnostics are never parsed as HTML).
_CLIENT_JS = """(function (state) {
  var ID = "newsgen-overlay";
  function show(errors) {
    var old = document.getElementById(ID);
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div"), add = function (tag, text, parent) {
      var el = document.createElement(tag); el.textContent = text; (parent || box).appendChild(el); return el;
    };
    box.id = ID; box.setAttribute("role", "alert"); box.title = "click to hide";
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(40,0,0,.97);color:#fff;font:15px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
    add("strong", "newsgen: " + errors.length + (errors.length === 1 ? " error" : " errors") + " in the last build");
    var list = add("ul", "");
    errors.forEach(function (text) { add("li", text, list); });
    add("p", state.build ? "Fix the file and save: this page reloads by itself." :
      "Nothing could be built yet. Fix the file and save: this page reloads by itself.");
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
})(%(state)s);"""


def live_script(snapshot: Snapshot) -> bytes:
    state = snapshot.to_json().replace("<", "\\u003c")  # cannot close the <script> element
    return f"<script>{_CLIENT_JS % {'events': EVENTS_PATH, 'state': state}}</script>\n".encode()


def inject_live_script(html: bytes, snapshot: Snapshot) -> bytes:
    """The page with the live-reload script before its last </body> (or at the end)."""
    at = html.lower().rfind(b"</body>")
    script = live_script(snapshot)
    return html + script if at < 0 else html[:at] + script + html[at:]


def describe(diagnostic: Diagnostic, site_dir: Path) -> str:
    """``path:line: message`` with the path relative to the site when it is inside it."""
    if diagnostic.path is None:
        return f"newsgen: {diagnostic.message}"
    if diagnostic.path.is_absolute() and diagnostic.path.is_relative_to(site_dir):
        diagnostic = dataclasses.replace(diagnostic, path=diagnostic.path.relative_to(site_dir))
    return str(diagnostic)
