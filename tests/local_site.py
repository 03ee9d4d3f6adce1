"""The one local HTTP server the tests fetch pages from (URL sources, feeds, URL lists)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """A local HTTP server on 127.0.0.1: ``site.add(path, body, content_type)``; a page
    added with ``drip`` is sent one byte at a time, that many seconds apart. ``requested``
    lists the paths asked for, in order."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.drips: dict[str, float] = {}
        self.requested: list[str] = []
        pages, drips, requested = self.pages, self.drips, self.requested

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requested.append(self.path)
                status, ctype, body = pages.get(self.path, (404, "text/plain", b"not found"))
                if status in (301, 302):
                    self.send_response(status)
                    self.send_header("Location", body.decode())
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path not in drips:
                    self.wfile.write(body)
                    return
                try:
                    for i in range(len(body)):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(drips[self.path])
                except OSError:  # the client gave up
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        drip: float | None = None,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (status, content_type, data)
        if drip is not None:
            self.drips[path] = drip
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
