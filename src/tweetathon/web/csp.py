"""The Content-Security-Policy and the other security headers, built in one place (as warehouse does).

Pages get `APP_POLICY`: scripts, styles, images and fetches from this origin only, no inline script or style,
no plugin, no framing, forms post back here only. Stored documents (the impact report and transcripts, single
files whose styles are inline and which run no script) get `DOCUMENT_POLICY`: nothing loads, no script at all.
"""

from __future__ import annotations

from collections.abc import Mapping

Policy = Mapping[str, tuple[str, ...]]

APP_POLICY: Policy = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "font-src": ("'none'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

DOCUMENT_POLICY: Policy = {
    "default-src": ("'none'",),
    "script-src": ("'none'",),
    "style-src": ("'unsafe-inline'",),
    "img-src": ("data:",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'none'",),
    "frame-ancestors": ("'none'",),
}


def serialise(policy: Policy) -> str:
    """`default-src 'none'; script-src 'self'; ...` in the order given."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def security_headers(policy: Policy = APP_POLICY) -> dict[str, str]:
    """The headers every response carries."""
    return {
        "Content-Security-Policy": serialise(policy),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    }


APP_HEADERS = security_headers(APP_POLICY)
DOCUMENT_HEADERS = security_headers(DOCUMENT_POLICY)
