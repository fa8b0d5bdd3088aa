"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests of outgoing mail.

Use the `smtp` fixture (tests/conftest.py): `smtp.settings()` gives MailSettings pointing at it, and
`smtp.messages` the parsed messages received so far (`smtp.wait(n)` waits for n of them).
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from tweetathon.mail import MailSettings


@dataclass
class Received:
    """The aiosmtpd handler: every message's envelope recipients and parsed content."""

    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    def __init__(self) -> None:
        self.received = Received()
        self.port = free_port()
        self.controller = Controller(self.received, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self.received.lock:
            return list(self.received.messages)

    def settings(self, base_url: str = "http://127.0.0.1:8000") -> MailSettings:
        return MailSettings(host="127.0.0.1", port=self.port, security="none",
                            sender="Events <events@police.example>", timeout=10, base_url=base_url)

    def wait(self, count: int, seconds: float = 10) -> list[EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


class TlsSmtpServer(SmtpServer):
    """The same server speaking STARTTLS (`implicit=False`) or TLS from the first byte (`implicit=True`), with a
    certificate for 127.0.0.1 from a throw-away CA (trustme), and AUTH LOGIN/PLAIN accepting `user`/`password`."""

    def __init__(self, ca_path: str, implicit: bool, user: str, password: str) -> None:
        import ssl

        import trustme
        from aiosmtpd.smtp import AuthResult

        ca = trustme.CA()
        ca.cert_pem.write_to_path(ca_path)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        self.ca_path, self.implicit, self.logins = ca_path, implicit, []

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = (data.login.decode(), data.password.decode()) == (user, password)
            self.logins.append((data.login.decode(), ok))
            return AuthResult(success=ok)

        self.received = Received()
        self.port = free_port()
        tls = {"ssl_context": context} if implicit else {"tls_context": context, "require_starttls": True}
        self.controller = Controller(self.received, hostname="127.0.0.1", port=self.port, authenticator=authenticate,
                                     auth_require_tls=not implicit, **tls)  # aiosmtpd sees only STARTTLS as TLS

    def settings(self, base_url: str = "http://127.0.0.1:8000") -> MailSettings:
        from dataclasses import replace

        return replace(super().settings(base_url), security="tls" if self.implicit else "starttls",
                       ca_file=self.ca_path)
