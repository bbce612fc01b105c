"""The address a request really came from, behind the reverse proxies this installation
trusts (KASAM_TRUSTED_PROXIES). Rate limits, login lockouts and the access log all use it."""

from __future__ import annotations

import ipaddress
from functools import cache
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: Any) -> str:
    """REMOTE_ADDR, unless it is a trusted proxy: then the right-most address in
    X-Forwarded-For that is not one (a client can put anything on the left)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _trusted(tuple(settings.KASAM_TRUSTED_PROXIES))
    if not _is_trusted(remote, networks):
        return remote or "0.0.0.0"  # noqa: S104 - a unix socket without a proxy header
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_trusted(hop, networks):
            return hop if _is_address(hop) else remote
    return remote


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
