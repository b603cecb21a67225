"""One log line per request an operator can read: status, duration, user id, nothing personal."""

import json
import logging

import pytest

from lkip.log import FormatJson


@pytest.mark.django_db
class RequestLogTests:
    def test_each_request_logs_method_path_status_duration_and_user_id(self, perencana, caplog):
        caplog.set_level(logging.INFO, logger="lkip.permintaan")
        perencana.get("/data/dinsos-kota-bekasi/?q=rahasia&password=x")
        records = [r for r in caplog.records if r.name == "lkip.permintaan"]
        assert len(records) == 1
        data = json.loads(FormatJson().format(records[0]))
        assert data["status"] == 200
        assert data["method"] == "GET"
        assert data["path"] == "/data/dinsos-kota-bekasi/"
        assert isinstance(data["ms"], float)
        assert str(data["user"]) == perencana.session["_auth_user_id"]
        line = caplog.text
        assert "rahasia" not in line and "password" not in line  # no query string

    def test_an_anonymous_request_logs_no_user(self, client, caplog):
        caplog.set_level(logging.INFO, logger="lkip.permintaan")
        client.get("/sehat/")
        record = next(r for r in caplog.records if r.name == "lkip.permintaan")
        assert "user" not in json.loads(FormatJson().format(record))

    def test_requests_are_not_logged_when_switched_off(self, client, caplog):
        caplog.set_level(logging.WARNING, logger="lkip.permintaan")
        client.get("/sehat/")
        assert not [r for r in caplog.records if r.name == "lkip.permintaan"]
