"""Fetch one web page over HTTP(S) with a timeout, a size limit and redirects."""

from __future__ import annotations

import httpx

from storyline.errors import FetchError
from storyline.models import RawDocument
from storyline.settings import Settings

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def fetch(url: str, settings: Settings) -> RawDocument:
    """GET ``url``; refuse non-HTML content and pages over ``settings.max_bytes``."""
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,*/*;q=0.5"}
    try:
        with (
            httpx.Client(
                follow_redirects=True, timeout=settings.timeout, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "")
            mime = content_type.split(";")[0].strip().lower()
            if mime and mime not in ACCEPTED_TYPES:
                raise FetchError(f"{url}: not a web page (content type {mime})")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise FetchError(f"{url}: larger than the {settings.max_bytes:,}-byte limit")
                chunks.append(chunk)
            return RawDocument(
                data=b"".join(chunks),
                source=url,
                content_type=content_type or None,
                url=str(response.url),
                encoding=response.charset_encoding,
            )
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {settings.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot fetch ({exc})") from None
