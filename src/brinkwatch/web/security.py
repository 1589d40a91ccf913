"""The web server's rules of safety, in one place.

- It binds to loopback unless told otherwise. Listening beyond loopback needs `BRINKWATCH_TOKEN`, and the
  write endpoints then need `Authorization: Bearer <token>`; `serving_options` refuses to go public
  without one. A token that is set is always required, on loopback too.
- On loopback, requests must name a loopback host, so a web page elsewhere cannot reach the server
  through DNS rebinding.
- Request bodies over a limit (5 MB by default) are refused with 413 before they are read in full.
- Pages allow nothing inline and nothing from elsewhere (Content-Security-Policy).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from brinkwatch.errors import InputError

MAX_BODY_BYTES = 5_000_000
TOKEN_VARIABLE = "BRINKWATCH_TOKEN"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

# Nothing inline, nothing from elsewhere: even if some text escaped escaping, it could not run.
PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI sets style attributes from its scripts and draws icons as data: images.
DOCS_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach: 127.0.0.0/8, ::1 and "localhost"."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def serving_options(host: str, environ: MutableMapping[str, str] | None = None) -> dict[str, Any]:
    """The create_app options for a server bound to `host`; raises InputError (a usage error, exit 2)
    when it would listen beyond loopback without a token."""
    token = (environ if environ is not None else os.environ).get(TOKEN_VARIABLE) or None
    public = not is_loopback(host)
    if public and token is None:
        raise InputError(
            f"listening on {host} reaches beyond this machine, and anyone there could write to the store; "
            f"set {TOKEN_VARIABLE} to a long random secret (e.g. `export {TOKEN_VARIABLE}=$(openssl rand -hex 32)`) "
            "or bind to 127.0.0.1", where="--host")
    if token is not None and len(token) < 16:
        raise InputError(f"{TOKEN_VARIABLE} is {len(token)} characters long; use at least 16 random characters",
                         where="--host")
    return {"token": token, "public": public, "check_host": not public, "warm": True}


bearer = HTTPBearer(auto_error=False, description=f"The server's {TOKEN_VARIABLE}, needed by write endpoints "
                                                  "when one is set (always when the server listens beyond loopback).")


def token_check(token: str | None) -> Callable[[HTTPAuthorizationCredentials | None], None]:
    """A FastAPI dependency that lets a request through when no token is set, or it carries the token."""

    def check(credentials: HTTPAuthorizationCredentials | None) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"},
                                detail=f"this endpoint writes to the store and needs the server's token: send "
                                       f"'Authorization: Bearer <{TOKEN_VARIABLE}>'")

    return check


async def _refuse(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: body size limit, loopback Host check, and security headers on every response."""

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY_BYTES, loopback_only: bool = False) -> None:
        self.app, self.max_body, self.loopback_only = app, max_body, loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.loopback_only and not _loopback_host(headers.get("host", "")):
            await _refuse(send, 421, "this server answers only to localhost / 127.0.0.1; "
                                     "open it through http://127.0.0.1:PORT/")
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await _refuse(send, 413, f"the request body is {int(declared):,} bytes; the limit is {self.max_body:,}")
            return
        received = 0
        started = refused = False

        async def limited() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Answer now, and tell the app the client left: whatever it answers is dropped.
                    refused = True
                    if not started:
                        await _refuse(send, 413, f"the request body is over the limit of {self.max_body:,} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
                path = scope.get("path", "")
                policy = DOCS_POLICY if path == "/docs" else PAGE_POLICY
                extra = [(b"content-security-policy", policy.encode())]
                extra += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, limited, with_headers)


def _loopback_host(host_header: str) -> bool:
    host = host_header.strip()
    if host.startswith("["):
        host = host[1:host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":")[0]
    return is_loopback(host)
