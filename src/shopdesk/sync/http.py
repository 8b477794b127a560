"""Talking to a store's API: one request, and what its failure means for the outbox.

`StoreClient.request` answers the decoded JSON or raises SendFailed saying
whether a retry can help: a timeout, a dropped connection, 429 and 5xx can;
401, 403, 404 and the other 4xx cannot (the request itself is wrong, or the
key was revoked). A Retry-After header is kept so the outbox waits at least
that long. Credentials are sent as headers and never put into messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

MAX_BACKOFF_SECONDS = 3600.0


@dataclass
class SendFailed(Exception):
    """A request the store did not take: why, its HTTP status (None: no answer), and when to try again."""

    message: str
    status: int | None = None
    retry_after: float | None = None  # seconds, from the store's Retry-After

    def __str__(self) -> str:
        return self.message

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status == 429 or self.status >= 500


def retry_delay(attempts: int, failure: SendFailed, *, base: float = 30.0) -> float | None:
    """Seconds to wait before attempt `attempts + 1`, or None when retrying cannot help.

    Exponential: base, 2×base, 4×base ... up to an hour; never sooner than the
    store's Retry-After.
    """
    if not failure.retryable:
        return None
    delay = min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)
    if failure.retry_after is not None:
        delay = max(delay, failure.retry_after)
    return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: '120', or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class StoreClient:
    """httpx with the store's base URL, auth headers and a timeout; failures become SendFailed."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str] | None = None,
        *,
        timeout: float = 20.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self.client = httpx.Client(base_url=base_url, headers=headers or {}, timeout=timeout, transport=transport)

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None) -> Any:
        answer, _ = self.request_with_headers(method, path, json_body=json_body, params=params)
        return answer

    def request_with_headers(
        self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None
    ) -> tuple[Any, httpx.Headers]:
        try:
            response = self.client.request(method, path, json=json_body, params=params)
        except httpx.TimeoutException as exc:
            raise SendFailed(f"the store did not answer in time ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise SendFailed(f"cannot reach the store ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            raise SendFailed(
                f"the store refused the request: HTTP {response.status_code}{_reason(response)}",
                response.status_code,
                parse_retry_after(response.headers.get("Retry-After")),
            )
        try:
            return (response.json() if response.content else None), response.headers
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            # A proxy's HTML error page or a cut-off answer: the store may do better next time.
            raise SendFailed(f"the store's answer is not JSON (HTTP {response.status_code})") from exc


def _reason(response: httpx.Response) -> str:
    if response.status_code == 401:
        return " (the key was refused: revoked or expired? add the channel's credentials again)"
    try:
        body = response.json()
    except ValueError:
        return ""
    message = body.get("message") if isinstance(body, dict) else None
    return f" ({str(message)[:200]})" if message else ""
