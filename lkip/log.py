"""Log records for production: to stderr, one line each, a traceback only where it helps.

A server error (500, or any record without a status) keeps its traceback; a refusal or a page not
found (4xx: Django logs a 403 with the PermissionDenied's traceback) is one line naming the
exception. Line breaks inside a message are escaped, so a request path cannot forge a record.
`LOG_FORMAT=json` writes one JSON object a line (settings.LOGGING).

Imported while logging is configured, before the apps are ready: no models here.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import datetime

from django.utils.functional import empty

_STATUS_TANPA_JEJAK = range(400, 500)


def _sebaris(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def _permintaan(record: logging.LogRecord) -> dict:
    """What a request record says about its request: status, method, path, the user if known."""
    out: dict = {}
    status = getattr(record, "status_code", None)
    if status is not None:
        out["status"] = status
    durasi = getattr(record, "durasi_ms", None)
    if durasi is not None:
        out["ms"] = durasi
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "method"):
        out["method"] = request.method
        out["path"] = _sebaris(request.path)[:500]
        user = getattr(request, "user", None)
        # Only a user the request already loaded: a log record never queries the database.
        user = getattr(user, "_wrapped", user)
        if user is not None and user is not empty and getattr(user, "is_authenticated", False):
            out["user"] = user.pk
    return out


def _dengan_jejak(record: logging.LogRecord) -> bool:
    return bool(record.exc_info) and getattr(record, "status_code", None) not in (
        _STATUS_TANPA_JEJAK
    )


def _pengecualian(record: logging.LogRecord) -> str:
    """A 4xx's exception as 'Type: first line of its message'."""
    if not record.exc_info or record.exc_info[1] is None:
        return ""
    exc = record.exc_info[1]
    pesan = str(exc).splitlines()[0][:200] if str(exc) else ""
    if not pesan or pesan in record.getMessage():
        return type(exc).__name__
    return _sebaris(f"{type(exc).__name__}: {pesan}")


def _waktu(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


class FormatBaris(logging.Formatter):
    """`2025-01-20T09:15:02.123+07:00 WARNING django.request: Forbidden … [403 POST /x/ user=7]`"""

    def format(self, record: logging.LogRecord) -> str:
        req = _permintaan(record)
        rincian = " ".join(
            str(v) if k in ("status", "method", "path") else f"{k}={v}" for k, v in req.items()
        )
        line = f"{_waktu(record)} {record.levelname} {record.name}: {_sebaris(record.getMessage())}"
        if rincian:
            line += f" [{rincian}]"
        if _dengan_jejak(record):
            return line + "\n" + self.formatException(record.exc_info).rstrip()
        if record.exc_info:
            line += f" ({_pengecualian(record)})"
        return line


class FormatJson(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request fields, exc (500s)."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": _waktu(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_permintaan(record),
        }
        if _dengan_jejak(record):
            data["exc"] = self.formatException(record.exc_info)
        elif record.exc_info:
            data["exc_type"] = _pengecualian(record)
        return json.dumps(data, ensure_ascii=False, default=str)


class StderrHandler(logging.StreamHandler):
    """Writes to the process's stderr of the moment (gunicorn's, or a test's capture)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


_permintaan_log = logging.getLogger("lkip.permintaan")


def catat_permintaan(get_response):
    """Middleware: one line per request with its status, duration and user id (no query string,
    no form data, no file contents), at INFO on the `lkip.permintaan` logger (LOG_PERMINTAAN)."""

    def middleware(request):
        start = time.perf_counter()
        response = get_response(request)
        if _permintaan_log.isEnabledFor(logging.INFO):
            durasi = round((time.perf_counter() - start) * 1000, 1)
            _permintaan_log.info(
                "%s %s %s %s ms",
                request.method,
                _sebaris(request.path)[:500],
                response.status_code,
                durasi,
                extra={
                    "request": request,
                    "status_code": response.status_code,
                    "durasi_ms": durasi,
                },
            )
        return response

    return middleware
