"""Logging filters."""

import logging
import threading
import time


class OncePerPeriod(logging.Filter):
    """Let the same record through once per ``seconds`` (per logger, message and exception
    type): an outage that fails every request (Redis down) is logged once a period, not
    once per request."""

    def __init__(self, seconds=300, name=""):
        super().__init__(name)
        self.seconds = seconds
        self._last = {}
        self._lock = threading.Lock()

    def _key(self, record):
        exc_type = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        return (record.name, record.msg, exc_type)

    def filter(self, record):
        key = self._key(record)
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                return False
            self._last[key] = now
        return True
