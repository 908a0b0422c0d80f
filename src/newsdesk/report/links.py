"""Links built from article data: only http(s) URLs become links, whatever an article claims."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["safe_url"]


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http or https URL with a host, else None (``javascript:``, ``data:``, …)."""
    if not url or any(c.isspace() or ord(c) < 32 or c in '<>"`\\' for c in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()
