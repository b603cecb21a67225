"""The health endpoints: liveness and readiness, without login and without internals."""

import pytest
from django.test import Client

from lkip import probes
from tests import berkas


@pytest.mark.django_db
class ProbeTests:
    def test_liveness_answers_ok_without_login(self):
        response = Client().get("/sehat/")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    def test_readiness_checks_database_cache_storage_and_migrations(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        response = Client().get("/siap/")
        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
            "migrations": "ok",
            "antrean": {"menunggu": 0, "tertua_detik": 0},  # the background queue: reported only
        }
        assert not berkas.semua("siap")  # the storage probe cleans up after itself

    def test_a_failed_dependency_is_503_naming_it_without_the_error(self, monkeypatch, caplog):
        def broken():
            raise OSError("/srv/rahasia/media: permission denied")

        monkeypatch.setitem(probes.CHECKS, "storage", broken)
        response = Client().get("/siap/")
        assert response.status_code == 503
        assert response.json()["storage"] == "failed"
        assert response.json()["status"] == "failed"
        assert "rahasia" not in response.content.decode()
        assert "permission denied" in caplog.text  # the operator finds the reason in the log

    def test_pending_migrations_make_the_instance_not_ready(self, monkeypatch):
        monkeypatch.setitem(probes.CHECKS, "migrations", lambda: False)
        assert Client().get("/siap/").status_code == 503

    def test_probes_are_read_only(self):
        assert Client().post("/sehat/").status_code == 405
        assert Client().post("/siap/").status_code == 405
