"""The file storage: the local disk by default, an S3-compatible store when the LKIP_S3_* variables
name a bucket; a file written once stays as it was; private files leave only through the
application's permission check."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from storages.backends.s3 import S3Storage

from lkip import penyimpanan
from lkip.models import Pemda, Penugasan
from targets.models import Realisasi
from tests import berkas, s3
from tests.factories import make_opd

ROOT = Path(__file__).resolve().parents[2]
BASE = "/data/dinsos-kota-bekasi/"


def storages_from(env: dict[str, str]) -> dict:
    """The STORAGES setting a process started with these variables gets."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LKIP_S3_")}
    run = subprocess.run(
        [sys.executable, "-c", "import json, lkip.settings as s; print(json.dumps(s.STORAGES))"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


class SettingsTests:
    def test_without_a_bucket_the_files_are_on_the_local_disk(self):
        default = storages_from({})["default"]
        assert default == {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    def test_the_s3_variables_select_a_private_bucket_that_never_overwrites(self):
        default = storages_from(
            {
                "LKIP_S3_BUCKET": "lkip-kota",
                "LKIP_S3_ENDPOINT": "https://s3.kota.go.id",
                "LKIP_S3_REGION": "id-jkt-1",
                "LKIP_S3_ACCESS_KEY": "akses",
                "LKIP_S3_SECRET_KEY": "rahasia",
                "LKIP_S3_PREFIX": "/lkip/",
            }
        )["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        options = default["OPTIONS"]
        assert options["bucket_name"] == "lkip-kota" and options["location"] == "lkip"
        assert options["endpoint_url"] == "https://s3.kota.go.id"
        assert options["region_name"] == "id-jkt-1" and options["addressing_style"] == "path"
        assert (options["access_key"], options["secret_key"]) == ("akses", "rahasia")
        # No public ACL, signed (never bare) URLs, and an existing name is never written over.
        assert options["default_acl"] is None and options["querystring_auth"] is True
        assert options["file_overwrite"] is False


class WriteOnceTests:
    def test_a_file_written_once_is_never_written_over(self):
        name = f"uji/{uuid.uuid4().hex}.bin"
        assert penyimpanan.simpan_sekali(name, b"pertama") == name
        with pytest.raises(penyimpanan.BerkasSudahAda, match="tidak boleh ditimpa"):
            penyimpanan.simpan_sekali(name, b"kedua")
        assert penyimpanan.baca(name) == b"pertama"

    def test_an_ordinary_save_under_a_taken_name_keeps_the_first_file(self):
        name = f"uji/{uuid.uuid4().hex}.bin"
        penyimpanan.simpan(name, b"pertama")
        other = penyimpanan.simpan(name, b"kedua")
        assert other != name and penyimpanan.baca(name) == b"pertama"
        assert penyimpanan.baca(other) == b"kedua"

    def test_a_missing_file_reads_as_none(self):
        assert penyimpanan.baca("tidak/ada.bin") is None


class ObjectStoreTests:
    """The S3 backend against a real S3 API (moto's server), whichever store the suite uses."""

    @pytest.fixture
    def store(self, s3_endpoint) -> S3Storage:
        return S3Storage(
            bucket_name=s3.BUCKET,
            endpoint_url=s3_endpoint,
            region_name=s3.REGION,
            access_key=s3.KUNCI["LKIP_S3_ACCESS_KEY"],
            secret_key=s3.KUNCI["LKIP_S3_SECRET_KEY"],
            location=f"uji/{uuid.uuid4().hex}",
            addressing_style="path",
            default_acl=None,
            file_overwrite=False,
        )

    def test_files_go_in_and_come_out_of_the_bucket_privately(self, store):

        name = store.save("bukti/2024/surat.pdf", ContentFile(b"%PDF-1.4 bukti"))
        assert name == "bukti/2024/surat.pdf" and store.exists(name)
        with store.open(name, "rb") as handle:
            assert handle.read() == b"%PDF-1.4 bukti"
        assert store.listdir("bukti/2024") == ([], ["surat.pdf"])
        assert store.save(name, ContentFile(b"lain")) != name  # never written over
        acl = store.connection.meta.client.get_object_acl(
            Bucket=s3.BUCKET, Key=store._normalize_name(name)
        )
        assert not any(grant["Grantee"].get("Type") == "Group" for grant in acl["Grants"])
        assert "Signature=" in store.url(name)  # a URL, if ever made, is signed
        store.delete(name)
        assert not store.exists(name)
        with pytest.raises(FileNotFoundError):
            store.open(name, "rb")


@pytest.mark.django_db
class PrivateFileTests:
    def test_evidence_is_served_by_the_application_only_to_those_who_may_see_it(
        self, perencana, demo, client, django_user_model
    ):
        ind = demo.indikator_set.get(kode="IKU-2")
        pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%bukti\n", content_type="application/pdf")
        form = {"indikator": ind.pk, "tahun": "2024", "periode": "3", "nilai": "90", "bukti": pdf}
        assert perencana.post(BASE + "realisasi/tambah/", form).status_code == 302
        real = Realisasi.objects.get(indikator=ind, tahun=2024, periode=3)
        assert berkas.hanya_pemilik(real.bukti.name)
        listing = perencana.get(BASE + "realisasi/").text
        assert f"{BASE}bukti/{real.pk}/" in listing
        assert "X-Amz" not in listing and "/media/" not in listing  # no store URL on the page
        download = perencana.get(f"{BASE}bukti/{real.pk}/")
        assert download.status_code == 200  # the bytes themselves, not a redirect to the store
        assert b"".join(download.streaming_content) == b"%PDF-1.4\n%bukti\n"

        other = make_opd("dinas-lain", pemda=Pemda.objects.create(nama="Pemerintah Kota Lain"))
        outsider = django_user_model.objects.create_user("orang.lain", password="x-rahasia-123")
        Penugasan.objects.create(user=outsider, pemda=other.pemda, opd=other)
        client.logout()
        assert client.get(f"{BASE}bukti/{real.pk}/").status_code == 302  # to the login page
        client.force_login(outsider)
        assert client.get(f"{BASE}bukti/{real.pk}/").status_code in (403, 404)
