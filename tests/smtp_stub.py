"""A tiny SMTP server for tests (aiosmtpd is not installed): enough of RFC 5321 for smtplib to
send through it, on a thread on 127.0.0.1, keeping each message it accepts. It can refuse the
first few MAIL commands (a busy server) or every recipient (an unknown address)."""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType


@dataclass
class StubBehaviour:
    busy_for: int = 0  # how many MAIL commands to answer "451 try again later"
    refuse_recipients: bool = False
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)


def _address(command: str) -> str:
    """The address in "MAIL FROM:<a@b> BODY=8BITMIME" or "RCPT TO:<a@b>"."""
    return command.partition(":")[2].split()[0].strip("<>")


class _Handler(socketserver.StreamRequestHandler):
    server: _Server
    sender: str
    recipients: list[str]

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        self.sender, self.recipients = "", []
        self._reply("220 stub.localhost ESMTP test stub")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "QUIT":
                self._reply("221 bye")
                return
            answer = getattr(self, f"_on_{verb.lower()}", None)
            if answer is None:
                self._reply("502 not implemented")
            else:
                answer(command)

    def _on_ehlo(self, command: str) -> None:
        self._reply("250-stub.localhost")
        self._reply("250 8BITMIME")

    def _on_helo(self, command: str) -> None:
        self._reply("250 stub.localhost")

    def _on_mail(self, command: str) -> None:
        behaviour = self.server.behaviour
        if behaviour.busy_for > 0:
            behaviour.busy_for -= 1
            self._reply("451 4.3.0 busy, try again later")
            return
        self.sender, self.recipients = _address(command), []
        self._reply("250 OK")

    def _on_rcpt(self, command: str) -> None:
        if self.server.behaviour.refuse_recipients:
            self._reply("550 5.1.1 no such mailbox")
            return
        self.recipients.append(_address(command))
        self._reply("250 OK")

    def _on_data(self, command: str) -> None:
        self._reply("354 end with <CRLF>.<CRLF>")
        self._receive(self.sender, self.recipients)
        self._reply("250 OK queued")

    def _on_rset(self, command: str) -> None:
        self.sender, self.recipients = "", []
        self._reply("250 OK")

    def _on_noop(self, command: str) -> None:
        self._reply("250 OK")

    def _receive(self, sender: str, recipients: list[str]) -> None:
        lines = []
        while True:
            line = self.rfile.readline()
            if line in (b".\r\n", b".\n", b""):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        behaviour = self.server.behaviour
        behaviour.envelopes.append((sender, recipients))
        behaviour.received.append(
            message_from_bytes(b"".join(lines), policy=policy.default)  # type: ignore[arg-type]
        )


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    behaviour: StubBehaviour


class SmtpStub:
    """with SmtpStub() as stub: ... stub.port ... stub.behaviour.received"""

    def __init__(self, behaviour: StubBehaviour | None = None) -> None:
        self.behaviour = behaviour or StubBehaviour()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.behaviour = self.behaviour
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SmtpStub:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
