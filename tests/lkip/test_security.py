"""Security baseline: deploy checks, CSP without inline scripts, cookies, sessions, login lock-out."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from lkip.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _clean_env() -> dict[str, str]:
    """The environment of a production process: no test-only switches (browser tests set one)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_has_no_warnings_under_the_documented_production_settings():
    env = {**_clean_env(), "DEBUG": "false", "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
           "ALLOWED_HOSTS": "lkip.bekasikota.go.id", "DJANGO_SETTINGS_MODULE": "lkip.settings"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_page_carries_a_content_security_policy_without_inline_scripts(demo, client):
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    for url in ("/masuk/", "/", "/laporan/dinsos-kota-bekasi/2024/", "/data/dinsos-kota-bekasi/entri/2024/tw1/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "<script>" not in response.text and " onclick=" not in response.text


def test_session_cookies_are_httponly_samesite_and_expire(demo, client):
    response = client.post("/masuk/", {"username": "perencana.dinsos", "password": DEMO_PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_production_cookies_are_secure():
    env = {**_clean_env(), "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "lkip.settings"}
    code = "import django; django.setup(); from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    assert out.split() == ["True", "True", "True"]


def test_repeated_failed_logins_lock_the_account_out_with_a_message(demo, client):
    for _ in range(settings.LOGIN_MAX_PERCOBAAN):
        response = client.post("/masuk/", {"username": "perencana.dinsos", "password": "salah-sekali"})
        assert "salah" in response.text
    locked = client.post("/masuk/", {"username": "perencana.dinsos", "password": DEMO_PASSWORD})
    assert locked.status_code == 200
    assert "Terlalu banyak percobaan masuk" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_earlier_failures(demo, client):
    client.post("/masuk/", {"username": "kepala.dinsos", "password": "keliru"})
    assert client.post("/masuk/", {"username": "kepala.dinsos", "password": DEMO_PASSWORD}).status_code == 302


def test_passwords_are_validated():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")
    with pytest.raises(ValidationError):
        validate_password("pendek1")


def test_a_login_stamps_last_login_without_an_audit_entry_or_a_new_data_version(db, client):
    from django.contrib.auth.models import User

    from reports.dashboard.versi import versi_data

    user = User.objects.create_user("pengguna.uji", password="kata-sandi-panjang-1")
    entries, version = User.history.count(), versi_data()
    assert client.login(username="pengguna.uji", password="kata-sandi-panjang-1")
    user.refresh_from_db()
    assert user.last_login is not None
    assert User.history.count() == entries
    assert versi_data() == version
