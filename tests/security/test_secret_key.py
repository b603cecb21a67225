"""With DEBUG=false the application starts only with a real SECRET_KEY.

Probe #15: `DEBUG=false manage.py check --deploy` without SECRET_KEY reported nothing, and the
repository's development key signed the sessions and password-reset tokens of production.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-produksi-" + "aZ9_" * 10  # 53 characters


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "lkip.settings", **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_without_a_secret_key_refuses_to_start_and_says_what_to_set():
    result = run("manage.py", "check", "--deploy", DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr and "50 karakter" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "",
        "pendek-sekali",
        "x" * 49,
        "ab" * 30,  # long enough, but two characters
        "dev-only-insecure-key-change-me-" + "x" * 32,  # the repository's development key
    ],
    ids=["empty", "short", "49-characters", "too-uniform", "development-key"],
)
def test_the_settings_refuse_a_weak_secret_key_with_debug_false(key):
    result = run("-c", "import lkip.settings", DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_the_settings_accept_a_real_secret_key_with_debug_false():
    result = run(
        "-c",
        "from django.conf import settings; print(len(settings.SECRET_KEY))",
        DEBUG="false",
        SECRET_KEY=GOOD_KEY,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(GOOD_KEY))


def test_development_without_a_secret_key_still_starts():
    result = run("-c", "from django.conf import settings; print(settings.DEBUG)", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
