"""A mail backend whose server refuses every message (stands in for a failing SMTP server)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 Temporary failure, try again later")
