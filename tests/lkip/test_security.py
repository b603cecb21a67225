"""Security baseline: deploy checks, CSP without inline scripts, cookies, sessions, lock-out."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from demo.opd import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _clean_env() -> dict[str, str]:
    """The environment of a production process: no test-only switches (browser tests set one)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_has_no_warnings_under_the_documented_production_settings():
    env = {
        **_clean_env(),
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "lkip.bekasikota.go.id",
        "DJANGO_SETTINGS_MODULE": "lkip.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_page_carries_a_content_security_policy_without_inline_scripts(demo, client):
    client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    for url in (
        "/masuk/",
        "/",
        "/laporan/dinsos-kota-bekasi/2024/",
        "/data/dinsos-kota-bekasi/entri/2024/tw1/",
    ):
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
    env = {
        **_clean_env(),
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        "DJANGO_SETTINGS_MODULE": "lkip.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    assert out.split() == ["True", "True", "True"]


def test_repeated_failed_logins_lock_the_account_out_with_a_message(demo, client):
    for _ in range(settings.LOGIN_MAX_PERCOBAAN):
        response = client.post(
            "/masuk/", {"username": "perencana.dinsos", "password": "salah-sekali"}
        )
        assert "salah" in response.text
    locked = client.post("/masuk/", {"username": "perencana.dinsos", "password": DEMO_PASSWORD})
    assert locked.status_code == 200
    assert "Terlalu banyak percobaan masuk" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_earlier_failures(demo, client):
    client.post("/masuk/", {"username": "kepala.dinsos", "password": "keliru"})
    assert (
        client.post("/masuk/", {"username": "kepala.dinsos", "password": DEMO_PASSWORD}).status_code
        == 302
    )


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


# --- The logged-in user, kept per process and data version (lkip/backends.py) -------------------


def _user_queries(client, path="/"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries if 'FROM "auth_user"' in q["sql"]]


@pytest.fixture
def planner(db, client):
    from django.contrib.auth.models import User

    user = User.objects.create_user("perencana.uji", password="kata-sandi-panjang-1")
    assert client.login(username="perencana.uji", password="kata-sandi-panjang-1")
    return user


def test_a_logged_in_user_is_read_from_the_database_once_per_data_version(planner, client):
    first, loaded = _user_queries(client)
    assert first.status_code == 200 and len(loaded) == 1
    again, loaded = _user_queries(client)
    assert again.status_code == 200 and loaded == []


def test_a_user_deactivated_is_logged_out_at_the_next_request(planner, client):
    assert client.get("/").status_code == 200
    planner.is_active = False
    planner.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_a_password_changed_in_another_session_ends_this_one(planner, client):
    assert client.get("/").status_code == 200
    planner.set_password("kata-sandi-baru-yang-panjang")
    planner.save()
    assert client.get("/").status_code == 302


def test_a_change_made_by_another_process_shows_once_the_version_is_read_again(planner, client):
    import time

    from reports.dashboard import versi

    assert client.get("/").status_code == 200
    seen = versi.versi_data()
    planner.is_active = False
    planner.save()  # here it is this process; another process would not have been told:
    versi._TERAKHIR["default"] = (time.monotonic(), seen)
    assert client.get("/").status_code == 200  # the bound: at most VERSI_DASBOR_DETIK (1 s) late
    versi._TERAKHIR["default"] = (time.monotonic() - versi.VERSI_DASBOR_DETIK - 0.1, seen)
    assert client.get("/").status_code == 302


def test_each_request_gets_its_own_copy_of_the_kept_user(planner):
    from lkip.backends import ModelBackendTersimpan

    backend = ModelBackendTersimpan()
    one = backend.get_user(planner.pk)
    one.catatan_permintaan = "hanya untuk permintaan ini"
    other = backend.get_user(planner.pk)
    assert other is not one and other.pk == planner.pk
    assert not hasattr(other, "catatan_permintaan")


def test_an_unknown_or_inactive_user_is_not_kept(planner):
    from lkip.backends import ModelBackendTersimpan
    from reports.dashboard import versi

    backend = ModelBackendTersimpan()
    assert backend.get_user(planner.pk + 1000) is None
    planner.is_active = False
    planner.save()
    assert backend.get_user(planner.pk) is None
    assert all(key[1] != planner.pk + 1000 for key in versi._PENGGUNA)
    assert all(key[1] != planner.pk for key in versi._PENGGUNA)


def test_a_password_changed_by_another_process_keeps_the_session_it_was_changed_in(planner, client):
    from django.contrib.auth import HASH_SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    assert client.get("/").status_code == 200  # the user is now kept by this process
    # Another worker saves the new password and stores its hash in this session (as Django's
    # password change does); nothing tells this process, and the data version is read < 1 s ago.
    User.objects.filter(pk=planner.pk).update(
        password=make_password("kata-sandi-baru-yang-panjang")
    )
    session = client.session
    session[HASH_SESSION_KEY] = User.objects.get(pk=planner.pk).get_session_auth_hash()
    session.save()
    assert client.get("/").status_code == 200  # the kept user is read afresh, not the session ended


def test_a_change_the_data_version_cannot_see_shows_within_a_few_seconds(planner, client):
    from django.contrib.auth.models import User

    from reports.dashboard import versi

    assert client.get("/").status_code == 200
    User.objects.filter(pk=planner.pk).update(is_active=False)  # no history row, no signal
    versi._TERAKHIR.clear()
    assert client.get("/").status_code == 200  # same data version: still the kept user …
    for key, (kept_at, user) in list(versi._PENGGUNA.items()):
        versi._PENGGUNA[key] = (
            kept_at - versi.PENGGUNA_DETIK,
            user,
        )  # … until PENGGUNA_DETIK has passed
    assert client.get("/").status_code == 302
