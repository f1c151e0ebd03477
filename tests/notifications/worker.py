"""A real Celery worker (subprocess, Redis broker, PostgreSQL test database) and a local SMTP
server that records what it receives, for the end-to-end notification tests."""

import contextlib
import email
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """Accepts every message (or answers ``fail_code`` to DATA) and keeps it parsed."""

    def __init__(self):
        self.messages = []
        self.refused = 0
        self.fail_code = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.fail_code:
            with self._lock:
                self.refused += 1
            return f"{self.fail_code} 4.3.0 Mailbox temporarily unavailable, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 2.0.0 Message accepted"

    def received(self):
        with self._lock:
            return list(self.messages)

    def clear(self):
        with self._lock:
            self.messages.clear()
            self.refused = 0
        self.fail_code = None


class SMTPServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


def database_url(settings_dict):
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


class Worker:
    """``celery -A marketplace worker`` on the test database, mailing to ``smtp_port``."""

    def __init__(self, *, database, redis_url, smtp_port, log_path, extra_env=None):
        self.env = os.environ.copy()
        self.env.update(
            {
                "DATABASE_URL": database,
                "REDIS_URL": redis_url,
                "CELERY_TASK_ALWAYS_EAGER": "0",
                "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
                "EMAIL_TIMEOUT": "10",
                "CONN_MAX_AGE": "0",
                "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
                "NOTIFICATIONS_MAX_ATTEMPTS": "3",
                "NOTIFICATIONS_LEASE_SECONDS": "30",
                "DJANGO_SETTINGS_MODULE": "marketplace.settings",
                **(extra_env or {}),
            }
        )
        self.env.pop("EMAIL_BACKEND", None)
        self.log_path = log_path
        self.process = None

    def start(self, app, timeout=90):
        celery = str(Path(sys.executable).with_name("celery"))
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                celery,
                "-A",
                "marketplace",
                "worker",
                "--pool=prefork",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=ocop-test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited early:\n{self.log()}")
            if "ready." in self.log():
                return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the Celery worker did not start in {timeout}s:\n{self.log()}")

    def log(self):
        try:
            return Path(self.log_path).read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self):
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, 15)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, 9)
            self.process.wait(timeout=10)
        self.process = None
        self._log.close()


def wait_for(condition, timeout=30, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


@contextlib.contextmanager
def broker_at(app, url):
    """Point this process's Celery producer at ``url`` (e.g. a dead port) for a while."""

    def reset():
        app._pool = None
        with contextlib.suppress(AttributeError, KeyError):
            app.__dict__["amqp"]._producer_pool = None

    app.conf.broker_url = url
    reset()
    try:
        yield
    finally:
        from shop.notifications import services

        app.conf.changes.pop("broker_url", None)  # back to the value from the settings
        reset()
        services._broker_down_until = 0.0  # the broker is back: publish again at once
