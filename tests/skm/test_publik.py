"""The public form: a citizen answers without logging in; automation and repeats are refused."""

import re

import pytest

from skm.models import Responden, TautanSurvei
from tests.skm.conftest import cap_lalu, jawaban_lengkap


@pytest.fixture
def tautan(survei):
    return TautanSurvei.objects.get(unit_layanan=survei["loket"], periode=survei["tw1"])


class FormTests:
    def test_the_page_is_small_has_no_script_and_labels_every_answer(self, tautan, client):
        response = client.get(f"/s/{tautan.token}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert len(response.content) < 50_000
        assert "<script" not in html
        assert html.count("<fieldset") >= 9 and html.count("<legend>") >= 9
        for radio in re.findall(r'<input type="radio"[^>]*id="([^"]+)"', html):
            assert f'for="{radio}"' in html
        assert "persyaratan pelayanan" in html

    def test_a_citizen_answers_and_the_response_is_stored_without_identity(self, tautan, client):
        response = client.post(
            f"/s/{tautan.token}/", jawaban_lengkap(tautan, komentar="Petugas ramah")
        )
        assert response.status_code == 302
        assert response["Location"] == f"/s/{tautan.token}/terima-kasih/"
        r = Responden.objects.get()
        assert (r.u1, r.u3, r.u8, r.komentar) == (4, 3, 3, "Petugas ramah")
        assert r.unit_layanan == tautan.unit_layanan and r.periode == tautan.periode
        assert client.get(response["Location"]).status_code == 200

    def test_a_missing_answer_is_named_and_nothing_is_stored(self, tautan, client):
        data = jawaban_lengkap(tautan)
        del data["u5"]
        response = client.post(f"/s/{tautan.token}/", data)
        assert response.status_code == 400
        assert "Pilih salah satu jawaban untuk pertanyaan 5." in response.content.decode()
        assert not Responden.objects.exists()

    def test_a_closed_period_accepts_nothing(self, tautan, client):
        tautan.periode.terbuka = False
        tautan.periode.save()
        assert client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan)).status_code == 410
        assert not Responden.objects.exists()

    def test_an_unknown_token_is_404(self, survei, client):
        assert client.get("/s/tidak-ada/").status_code == 404

    def test_a_comment_is_shown_as_text_never_as_html(self, tautan, client, perencana):
        client.post(
            f"/s/{tautan.token}/", jawaban_lengkap(tautan, komentar="<script>alert(1)</script>")
        )
        html = perencana.get("/survei/dinsos-kota-bekasi/jawaban/").content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class AbuseTests:
    def test_the_honeypot_field_filled_is_refused(self, tautan, client):
        response = client.post(
            f"/s/{tautan.token}/", jawaban_lengkap(tautan, situs_web="http://spam")
        )
        assert response.status_code == 400
        assert not Responden.objects.exists()

    def test_a_form_sent_faster_than_a_person_can_is_refused(self, tautan, client, settings):
        settings.SKM_WAKTU_ISI_MINIMUM_DETIK = 8
        data = jawaban_lengkap(tautan, mulai=cap_lalu(tautan, 2))
        response = client.post(f"/s/{tautan.token}/", data)
        assert response.status_code == 400
        assert "terlalu cepat" in response.content.decode()
        assert not Responden.objects.exists()

    def test_a_forged_or_missing_stamp_is_refused(self, tautan, client):
        for mulai in ("", "palsu", cap_lalu(TautanSurvei(token="lain"), 60)):
            response = client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan, mulai=mulai))
            assert response.status_code == 400
        assert not Responden.objects.exists()

    def test_a_slow_but_quick_response_is_kept_and_flagged(self, tautan, client, settings):
        settings.SKM_WAKTU_ISI_MINIMUM_DETIK = 8
        client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan, mulai=cap_lalu(tautan, 10)))
        assert "diisi sangat cepat" in Responden.objects.get().dicurigai

    def test_a_second_response_from_the_same_device_is_refused(self, tautan, client):
        assert client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan)).status_code == 302
        response = client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan))
        assert response.status_code == 409
        assert "sudah mengisi" in response.content.decode()
        assert Responden.objects.count() == 1
        # another unit's form on the same phone is still open
        other = TautanSurvei.objects.exclude(pk=tautan.pk).first()
        assert client.post(f"/s/{other.token}/", jawaban_lengkap(other)).status_code == 302

    def test_a_forged_device_cookie_does_not_block(self, tautan, client):
        client.cookies[f"skm_{tautan.token}"] = tautan.token
        assert client.get(f"/s/{tautan.token}/").status_code == 200

    def test_one_client_address_is_limited(self, tautan, client, settings):
        settings.SKM_BATAS_PER_KLIEN = 2
        for _ in range(2):
            client.cookies.clear()
            assert client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan)).status_code == 302
        client.cookies.clear()
        response = client.post(f"/s/{tautan.token}/", jawaban_lengkap(tautan))
        assert response.status_code == 429
        assert "Terlalu banyak jawaban" in response.content.decode()
        assert Responden.objects.count() == 2

    def test_one_service_unit_is_limited_whatever_the_address(self, tautan, client, settings):
        settings.SKM_BATAS_PER_UNIT = 2
        for i in range(3):
            client.cookies.clear()
            response = client.post(
                f"/s/{tautan.token}/", jawaban_lengkap(tautan), REMOTE_ADDR=f"10.0.0.{i + 1}"
            )
        assert response.status_code == 429
        assert Responden.objects.count() == 2
