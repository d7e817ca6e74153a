"""``openness review``: the review page, served on 127.0.0.1 only, to the holder of its token.

The server listens on a random port of 127.0.0.1. Every request must carry the token (in the
address for a page, in the form for an answer) and a ``Host`` header naming 127.0.0.1 or
localhost with that port (a page of another site cannot reach it through DNS rebinding); anything
else gets 403 and no content. Answers are accepted only for questions that are open, and are
written at once to the partnership's files (``site_builder.gate.answers``).
"""

from __future__ import annotations

import hmac
import http.server
import logging
import secrets
import threading
import urllib.parse
from typing import Any

from site_builder.gate import answers
from site_builder.project import Project
from site_builder.review.page import can_be_a_person, page_html
from site_builder.review.queue import documents, open_questions

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


class ReviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, project: Project, reviewer: str, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), ReviewHandler)
        self.project = project
        self.reviewer = reviewer
        self.token = secrets.token_urlsafe(24)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/?token={self.token}"


class ReviewHandler(http.server.BaseHTTPRequestHandler):
    server: ReviewServer

    def log_message(self, format: str, *args: Any) -> None:  # the address holds the token: never logged
        log.debug("review: %s %s", self.command, self.path.split("?", 1)[0])

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        return (self.headers.get("Host") or "").strip().lower() in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.server.token.encode())

    def _send(self, code: int, body: str = "", location: str | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        for k, v in HEADERS.items():
            self.send_header(k, v)
        if location:
            self.send_header("Location", location)
        self.send_header(
            "Content-Type", "text/html; charset=utf-8" if body.startswith("<!") else "text/plain; charset=utf-8"
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if not self._host_ok() or not self._token_ok(next(iter(query.get("token") or []), None)):
            self._send(403, "forbidden")
            return
        if url.path != "/":
            self._send(404, "not found")
            return
        flash = (query.get("done") or [""])[0][:300]
        with self.server.lock:
            body = page_html(
                open_questions(self.server.project), documents(self.server.project), self.server.token,
                self.server.reviewer, flash,
            )  # fmt: skip
        self._send(200, body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if not self._host_ok() or self.path != "/answer" or not 0 < length <= MAX_BODY:
            self._send(403, "forbidden")
            return
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
        field = {k: (v[0] if v else "") for k, v in form.items()}
        if not self._token_ok(field.get("token")):
            self._send(403, "forbidden")
            return
        with self.server.lock:
            message = self.answer(field)
        done = urllib.parse.quote(message)
        self._send(303, location=f"/?token={self.server.token}&done={done}#questions")

    def answer(self, field: dict[str, str]) -> str:
        project, who = self.server.project, self.server.reviewer
        text, key, kind = field.get("text", ""), field.get("key", ""), field.get("answer", "")
        match = next((q for q in open_questions(project) if q["text"] == text and key in q["keys"]), None)
        if match is None:
            return "That question is no longer open."
        if kind == "public":
            answers.answer_public(project, text, who)
            return f"'{text}' recorded as a public word."
        if kind == "person" and not can_be_a_person(match):
            return "Only a name can go in the register: edit the source instead."
        if kind == "person":
            answers.answer_person(project, text, who, field.get("role"))
            return f"'{text}' added to the private register: it is redacted from the next build on."
        if kind == "once":
            for k in [key, *match.get("index_keys", [])]:
                answers.answer_once(project, k, str(match["page"]), who)
            return f"'{text}' cleared for this occurrence only."
        return "Unknown answer."


def run(server: ReviewServer) -> int:
    """Serve until interrupted (Ctrl+C)."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
