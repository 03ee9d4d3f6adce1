"""Fetch one web page over HTTP(S) with a deadline, a size limit and redirects.

The timeout is the deadline of the whole download (every redirect, every read),
not only of each read: a server that sends one byte every few seconds is cut off
when the time is up, by shutting the connection it holds.

Redirects are followed here, one hop at a time, so that a ``FetchPolicy`` can check
every address a request would reach: a server facing the internet refuses loopback,
private, link-local, multicast and reserved addresses (after DNS resolution, and again
after every redirect) and any scheme but http and https. Under a policy each request
goes to the address that was checked (the name is kept for the Host header and TLS),
so a name that resolves differently a moment later cannot slip through. The resolver
and the HTTP transport are injectable, so tests reach no network at all.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from storyline.errors import FetchError, ForbiddenURLError
from storyline.models import RawDocument
from storyline.settings import Settings

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SCHEMES = ("http", "https")
MAX_REDIRECTS = 10

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, through the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{host}: cannot resolve the name ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Which addresses a fetch may reach, and how names are resolved and connected to."""

    allow_private: bool = False
    resolve: Resolver = resolve
    transport: httpx.BaseTransport | None = field(default=None, compare=False)


def refusal(address: str) -> str | None:
    """Why a server must not connect to ``address``, or None when it is a public one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def _target(url: httpx.URL, policy: FetchPolicy | None) -> str | None:
    """The checked address to connect to for ``url`` (None: connect by name, unchecked)."""
    if url.scheme not in SCHEMES:
        raise ForbiddenURLError(f"{url}: only http and https URLs can be fetched")
    if not url.host:
        raise ForbiddenURLError(f"{url}: the URL names no host")
    if policy is None or policy.allow_private:
        return None
    try:
        addresses = [str(ipaddress.ip_address(url.host))]
    except ValueError:
        addresses = policy.resolve(url.host, url.port or (443 if url.scheme == "https" else 80))
    if not addresses:
        raise FetchError(f"{url.host}: the name resolves to no address")
    for address in addresses:
        why = refusal(address)
        if why is not None:
            raise ForbiddenURLError(f"{url}: refused, {url.host} is a {why} address ({address})")
    return addresses[0]


class Deadline:
    """The time left for one download; when it is up, the connection in use is shut."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def error(self, url: str) -> FetchError:
        return FetchError(f"{url}: not downloaded within the {self.seconds:g} s timeout")

    def left(self) -> httpx.Timeout:
        """The time left, as the timeout of the next request."""
        return httpx.Timeout(max(0.001, self.end - time.monotonic()))

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: note each connection as soon as it is made."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                self._socket = sock if isinstance(sock, socket.socket) else None
                if self.expired:
                    self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        # shutdown, not close: it wakes a read blocked on the socket in another thread.
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)


def _send(
    client: httpx.Client, url: httpx.URL, address: str | None, deadline: Deadline
) -> httpx.Response:
    extensions: dict[str, Any] = {"trace": deadline.trace}
    if address is None:
        request = client.build_request("GET", url, extensions=extensions, timeout=deadline.left())
        return client.send(request, stream=True)
    if url.scheme == "https":
        extensions["sni_hostname"] = url.host
    request = client.build_request(
        "GET",
        url.copy_with(host=address),
        headers={"Host": url.netloc.decode("ascii")},
        extensions=extensions,
        timeout=deadline.left(),
    )
    return client.send(request, stream=True)


def fetch(
    url: str,
    settings: Settings,
    policy: FetchPolicy | None = None,
    types: tuple[str, ...] | None = ACCEPTED_TYPES,
) -> RawDocument:
    """GET ``url`` within ``settings.timeout`` seconds; refuse content types not in ``types``
    (None: any), pages over ``settings.max_bytes``, and what ``policy`` forbids (no policy:
    any address, as the command line fetches)."""
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,*/*;q=0.5"}
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ForbiddenURLError(f"{url}: not a URL ({exc})") from None
    transport = policy.transport if policy is not None else None
    deadline = Deadline(settings.timeout)
    try:
        with deadline, httpx.Client(headers=headers, transport=transport) as client:
            for _ in range(MAX_REDIRECTS + 1):
                response = _send(client, current, _target(current, policy), deadline)
                try:
                    if response.is_redirect and "location" in response.headers:
                        current = current.join(response.headers["location"])
                        continue
                    return _read(url, current, response, settings, types, deadline)
                finally:
                    response.close()
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        if deadline.expired or isinstance(exc, httpx.TimeoutException):
            raise deadline.error(url) from None
        raise FetchError(f"{url}: cannot fetch ({exc})") from None


def _read(
    url: str,
    final: httpx.URL,
    response: httpx.Response,
    settings: Settings,
    types: tuple[str, ...] | None,
    deadline: Deadline,
) -> RawDocument:
    if response.status_code >= 400:
        raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if types is not None and mime and mime not in types:
        raise FetchError(f"{url}: not a web page (content type {mime})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"{url}: larger than the {settings.max_bytes:,}-byte limit")
        chunks.append(chunk)
    if deadline.expired:  # the connection was shut: what came is not the whole page
        raise deadline.error(url)
    return RawDocument(
        data=b"".join(chunks),
        source=url,
        content_type=content_type or None,
        url=str(final),
        encoding=response.charset_encoding,
    )
