"""Production logging: to stderr, one line a record, a 500 with its traceback, a 403 or 404 without.

Probe #15: under gunicorn with DEBUG=false a 500 left no traceback anywhere (Django's default logs
to the console only with DEBUG=true and mails only to ADMINS), while the error page says the error
was recorded.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def rusak(request):
    raise RuntimeError("rusak dengan sengaja")


def terlarang(request):
    raise PermissionDenied("Peran Anda tidak berhak membuka halaman ini.")


urlpatterns = [path("rusak/", rusak), path("terlarang/", terlarang), path("", include("lkip.urls"))]


@pytest.fixture
def probe_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False


def test_a_server_error_is_logged_to_stderr_with_its_traceback(probe_urls, caplog, capsys):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get("/rusak/")
    assert response.status_code == 500 and "Kesalahan sudah dicatat" in response.text
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.levelno == logging.ERROR and record.exc_info
    err = capsys.readouterr().err
    assert "ERROR django.request" in err and "/rusak/" in err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: rusak dengan sengaja" in err


def test_a_refusal_is_logged_as_one_line_without_a_traceback(probe_urls, caplog, capsys):
    with caplog.at_level(logging.INFO):
        assert Client().get("/terlarang/").status_code == 403
    assert any(r.name == "django.request" and r.levelno == logging.WARNING for r in caplog.records)
    lines = [line for line in capsys.readouterr().err.splitlines() if "django.request" in line]
    assert len(lines) == 1
    assert "403" in lines[0] and "/terlarang/" in lines[0] and "PermissionDenied" in lines[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_not_found_page_is_one_line_and_a_newline_in_the_path_cannot_forge_another(
    probe_urls, capsys
):
    assert Client().get("/tidak-ada%0A2025-01-01 ERROR palsu/").status_code == 404
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and "404" in lines[0] and "\\n" in lines[0]


def _run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lkip.settings", **env},
        capture_output=True,
        text=True,
    )


def test_log_format_json_writes_one_json_object_a_line():
    code = """
import logging
log = logging.getLogger("django.request")
log.warning("Forbidden: /x", extra={"status_code": 403})
try:
    1 / 0
except ZeroDivisionError:
    log.error("Internal Server Error: /y", exc_info=True, extra={"status_code": 500})
"""
    result = _run(code, LOG_FORMAT="json")
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert [r["level"] for r in records] == ["WARNING", "ERROR"], result.stderr
    assert records[0]["status"] == 403 and "exc" not in records[0]
    assert records[1]["logger"] == "django.request" and "ZeroDivisionError" in records[1]["exc"]


def test_server_errors_are_mailed_only_when_admins_are_set():
    code = """
import logging
from django.conf import settings
handlers = logging.getLogger("django.request").handlers
print(settings.ADMINS, [type(h).__name__ for h in handlers])
"""
    assert _run(code).stdout.split() == ["[]", "[]"]
    out = _run(code, ADMINS="ops@bekasikota.go.id, it@bekasikota.go.id").stdout
    assert "['ops@bekasikota.go.id', 'it@bekasikota.go.id']" in out
    assert "AdminEmailHandler" in out
