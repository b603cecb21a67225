"""Signing an LKIP (snapshot, final PDF, PAdES with pyHanko) and verifying a PDF on the public page
and by command.

Each signature renders a whole report with WeasyPrint, so most tests sign the small agency of
`alur_data.opd_bersih` (13 pages, about 2 s) once and check several things on that one document.
"""

import hashlib
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from lkip import penyimpanan
from reports import signing, verifikasi, workflow
from reports.laporan import build_laporan, render_html
from reports.laporan.struktur import from_json, to_json
from reports.models import (
    DokumenTertandatangani,
    LaporanTahunan,
    NarasiLaporan,
    PenandatangananLaporan,
    RiwayatStatus,
    StatusLaporan,
)
from reports.workflow import AlurDitolak
from targets.models import Realisasi
from tests.antrian import kerjakan_antrian
from tests.berkas import hanya_pemilik
from tests.reports.alur_data import make_opd_bersih, make_user, perbaiki_data_demo

pytestmark = pytest.mark.django_db


def lap_of(opd) -> LaporanTahunan:
    return LaporanTahunan.objects.get(opd=opd, tahun=2024)


def signed(opd, pelaku, alasan_revisi: str = "") -> DokumenTertandatangani:
    """Submit (if still a draft) and sign as the agency's Kepala Dinas."""
    if lap_of(opd).status == StatusLaporan.DRAF:
        workflow.ajukan(lap_of(opd), pelaku.perencana)
    return workflow.setujui_dan_tandatangani(lap_of(opd), pelaku.kepala, alasan_revisi)


def pdf_text(pdf: bytes) -> str:
    return re.sub(
        r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    )


def pyhanko_status(pdf: bytes, trust_der: bytes):
    """pyHanko's own validator, with the demo certificate as the only trust root."""
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    context = ValidationContext(
        trust_roots=[x509.Certificate.load(trust_der)], allow_fetching=False
    )
    return validate_pdf_signature(signature, context)


def demo_cert_der() -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, cert, _ = pkcs12.load_key_and_certificates(
        penyimpanan.baca(signing.NAMA_SERTIFIKAT_DEMO), signing.DEMO_KATA_SANDI.encode()
    )
    return cert.public_bytes(Encoding.DER)


def flip(data: bytes, position: int) -> bytes:
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


def upload(client, data: bytes, name: str = "lkip.pdf") -> str:
    response = client.post(
        reverse("reports:verifikasi"), {"berkas": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    return re.sub(
        r"\s+", " ", response.content.decode()
    ).lower()  # reasons are capitalised on the page


def verify_command(tmp_path: Path, data: bytes) -> tuple[int, str]:
    path = tmp_path / "periksa.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    try:
        call_command("verify_lkip", str(path), stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


class SnapshotTests:
    def test_the_snapshot_round_trips_the_demo_report_exactly(self, demo):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        beku = from_json(json.loads(json.dumps(to_json(laporan))))
        assert beku == laporan
        assert render_html(beku) == render_html(laporan)

    def test_an_unknown_snapshot_is_a_clear_error(self):
        with pytest.raises(ValueError, match="versi berbeda"):
            from_json({"versi": 99, "laporan": {}})

    def test_the_unsigned_report_has_no_signature_parts(self, demo):
        html = render_html(build_laporan("dinsos-kota-bekasi", 2024))
        assert (
            "bertanda" not in html
            and "tte-kotak" not in html
            and "Dokumen ini telah ditandatangani" not in html
        )
        assert "DRAF — belum disetujui dan ditandatangani" in html


class CertificateTests:
    def test_load_demo_creates_a_self_signed_rsa_2048_certificate_marked_as_a_demo(
        self, demo, settings, media
    ):
        from demo.opd import load_demo

        load_demo()
        before = penyimpanan.baca(signing.NAMA_SERTIFIKAT_DEMO)
        assert before and hanya_pemilik(signing.NAMA_SERTIFIKAT_DEMO)
        sertifikat = signing.muat_sertifikat()
        assert "CN=SERTIFIKAT DEMO — BUKAN UNTUK PENGGUNAAN RESMI" in sertifikat.subjek
        assert (
            sertifikat.demo
            and sertifikat.penerbit
            == "SERTIFIKAT DEMO — BUKAN UNTUK PENGGUNAAN RESMI (Pemerintah Kota Bekasi)"
        )
        from cryptography import x509

        cert = x509.load_der_x509_certificate(sertifikat.der)
        assert cert.issuer == cert.subject and cert.public_key().key_size == 2048
        load_demo()
        assert penyimpanan.baca(signing.NAMA_SERTIFIKAT_DEMO) == before  # the same key stays

    def test_the_demo_certificate_is_never_written_over(self, media):
        name = signing.buat_sertifikat_demo("Dinas Pertama")
        first = penyimpanan.baca(name)
        assert signing.buat_sertifikat_demo("Dinas Kedua") == name
        with pytest.raises(penyimpanan.BerkasSudahAda, match="tidak boleh ditimpa"):
            penyimpanan.simpan_sekali(name, b"kunci lain")
        assert penyimpanan.baca(name) == first

    def test_a_wrong_passphrase_is_refused_and_nothing_is_frozen(
        self, opd_bersih, pelaku, sertifikat_demo, settings, tmp_path
    ):
        configured = tmp_path / "instansi.p12"
        configured.write_bytes(sertifikat_demo)
        settings.LKIP_SIGNING_P12 = str(configured)
        settings.LKIP_SIGNING_PASSPHRASE = "bukan-kata-sandinya"
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        with pytest.raises(
            AlurDitolak, match=r"kata sandi sertifikat \(LKIP_SIGNING_PASSPHRASE\) salah"
        ):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        assert not DokumenTertandatangani.objects.exists()
        assert (
            lap_of(opd_bersih).status == StatusLaporan.DIAJUKAN
            and RiwayatStatus.objects.count() == 1
        )

    def test_the_right_passphrase_of_a_configured_certificate_signs(
        self, opd_bersih, pelaku, sertifikat_demo, settings, tmp_path
    ):
        configured = tmp_path / "instansi.p12"
        configured.write_bytes(sertifikat_demo)
        penyimpanan.hapus(signing.NAMA_SERTIFIKAT_DEMO)  # only the configured file is there
        settings.LKIP_SIGNING_P12, settings.LKIP_SIGNING_PASSPHRASE = (
            str(configured),
            signing.DEMO_KATA_SANDI,
        )
        assert signed(
            opd_bersih, pelaku
        ).sertifikat_demo  # the subject says demo, so the document says so too

    def test_a_missing_certificate_is_refused_with_what_to_set(
        self, opd_bersih, pelaku, media, settings
    ):
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        with pytest.raises(
            AlurDitolak, match="sertifikat demo belum dibuat. Jalankan 'python manage.py load_demo'"
        ):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        settings.LKIP_SIGNING_P12 = "/tidak/ada/instansi.p12"
        with pytest.raises(
            AlurDitolak, match=r"'/tidak/ada/instansi.p12' \(LKIP_SIGNING_P12\) tidak ditemukan"
        ):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        assert (
            not DokumenTertandatangani.objects.exists()
            and lap_of(opd_bersih).status == StatusLaporan.DIAJUKAN
        )

    def test_the_signing_panel_names_the_certificate_and_warns_that_it_is_a_demo(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        client.force_login(pelaku.kepala)
        html = client.get(reverse("reports:alur", args=[opd_bersih.kode, 2024])).content.decode()
        assert "CN=SERTIFIKAT DEMO — BUKAN UNTUK PENGGUNAAN RESMI" in html
        assert "bukan sertifikat elektronik BSrE/BSSN" in html


class SigningTests:
    def test_the_signed_pdf_is_valid_for_pyhanko_and_carries_the_tte_block_footer_and_qr(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        client.force_login(pelaku.kepala)
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        url = reverse("reports:alur_tandatangani", args=[opd_bersih.kode, 2024])
        response = client.post(url, {"konfirmasi": "ya"})
        assert (
            response.status_code == 200
            and "Centang pernyataan persetujuan" in response.content.decode()
        )
        response = client.post(url, {"konfirmasi": "ya", "ttd-setuju": "on"})
        assert response.status_code == 302  # queued: the request does not wait for the signing
        assert not DokumenTertandatangani.objects.exists()
        panel = client.get(response["Location"])
        assert "Penandatanganan sedang diproses" in panel.content.decode()
        assert panel["Refresh"] == "3"  # reloads itself until it is done
        assert kerjakan_antrian() == 1  # the worker's task, here in the test's transaction
        panel = client.get(response["Location"]).content.decode()
        assert "Penandatanganan terakhir selesai" in panel and "revisi 0" in panel
        dokumen = DokumenTertandatangani.objects.get()
        pdf = bytes(dokumen.pdf)

        status = pyhanko_status(pdf, demo_cert_der())
        assert status.intact and status.valid and status.trusted and status.bottom_line
        assert status.coverage.name == "ENTIRE_FILE"
        assert (
            status.signing_cert.subject.native["common_name"]
            == "SERTIFIKAT DEMO — BUKAN UNTUK PENGGUNAAN RESMI"
        )

        assert dokumen.sha256 == hashlib.sha256(pdf).hexdigest() and dokumen.revisi == 0
        assert (
            dokumen.penandatangan == pelaku.kepala
            and dokumen.nama_penandatangan == "Dr. KEPALA UJI, M.Si."
        )
        assert dokumen.sertifikat_demo and dokumen.sertifikat == demo_cert_der()
        lap = lap_of(opd_bersih)
        assert lap.status == StatusLaporan.DITANDATANGANI and lap.tanggal is not None
        assert lap.riwayat_set.last().oleh == pelaku.kepala

        # Rendered as PDF/A-3b for the archive, then signed in an incremental update.
        reader = PdfReader(io.BytesIO(pdf))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b"pdfaid:part>3<" in xmp or b'pdfaid:part="3"' in xmp

        # The visible signature field lies over the stamp box of the Kata Pengantar signature block.
        fields = [
            a.get_object()
            for page in reader.pages
            for a in page.get("/Annots", [])
            if a.get_object().get("/FT") == "/Sig"
        ]
        assert len(fields) == 1 and fields[0]["/T"] == "TTE-Kepala-Dinas" and "/AP" in fields[0]
        page_of_field = next(
            i
            for i, page in enumerate(reader.pages)
            if any(a.get_object().get("/FT") == "/Sig" for a in page.get("/Annots", []))
        )
        assert "KATA PENGANTAR" in reader.pages[page_of_field].extract_text()
        x1, y1, x2, y2 = (float(v) for v in fields[0]["/Rect"])
        assert round((x2 - x1) / 72 * 25.4) == 66 and round((y2 - y1) / 72 * 25.4) == 24

        text = pdf_text(pdf)
        verify_url = f"http://127.0.0.1:8000/verifikasi/{dokumen.pk}/"
        assert (
            "Dokumen ini telah ditandatangani secara elektronik menggunakan SERTIFIKAT DEMO" in text
        )
        assert "merupakan alat bukti hukum yang sah" in text and verify_url in text
        assert (
            "Ditandatangani secara elektronik oleh" in text
        )  # the stamp of the closing signature block
        assert "DRAF" not in text and "Temuan Pemeriksaan Kesehatan Data" not in text
        # The QR code encodes the verification URL (checked on the snapshot's render, where it is
        # SVG).
        assert signing.qr_svg(verify_url) in self._signed_html(dokumen, verify_url)

    @staticmethod
    def _signed_html(dokumen, verify_url: str) -> str:
        from reports.laporan.struktur import TandaTanganElektronik

        tte = TandaTanganElektronik(
            str(dokumen.pk),
            0,
            "x",
            "y",
            "z",
            verify_url,
            signing.qr_svg(verify_url),
            "s",
            "p",
            True,
        )
        return render_html(from_json(dokumen.snapshot), tte=tte)

    def test_data_changes_after_signing_never_alter_the_signed_document_nor_can_it_be_updated(
        self, opd_bersih, pelaku, sertifikat_demo
    ):
        dokumen = signed(opd_bersih, pelaku)
        pdf, snapshot = bytes(dokumen.pdf), dokumen.snapshot
        NarasiLaporan.objects.create(
            opd=opd_bersih, tahun=2024, bagian="kesimpulan", teks="Teks baru setelah tanda tangan."
        )
        Realisasi.objects.filter(indikator__opd=opd_bersih).update(nilai=40)
        dokumen.refresh_from_db()
        assert bytes(dokumen.pdf) == pdf and dokumen.snapshot == snapshot
        assert "Teks baru setelah tanda tangan." not in json.dumps(snapshot)
        assert "Teks baru setelah tanda tangan." in render_html(
            build_laporan(opd_bersih.kode, 2024)
        )
        assert from_json(snapshot).ringkasan["iku_tercapai"] == 1  # 85 of 80 at signing; 40 now
        dokumen.nama_penandatangan = "Orang lain"
        with pytest.raises(ValueError, match="tidak dapat diubah"):
            dokumen.save()  # a signed revision is written once
        assert DokumenTertandatangani.objects.get().nama_penandatangan == "Dr. KEPALA UJI, M.Si."

    def test_the_live_report_points_to_the_signed_revision_and_says_it_is_not_the_official_copy(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        url = reverse("reports:laporan", args=[opd_bersih.kode, 2024])
        client.force_login(pelaku.kepala)
        assert "Versi resmi" not in client.get(url).content.decode()  # before signing (and cached)
        dokumen = signed(opd_bersih, pelaku)
        html = client.get(url).content.decode()
        assert (
            "Versi resmi: LKIP 2024 <strong>revisi 0</strong> ditandatangani Dr. KEPALA UJI, M.Si."
            in html
        )
        assert reverse("reports:unduh_dokumen", args=[dokumen.pk]) in html
        assert "bukan dokumen resmi" in html
        assert "Versi resmi" not in render_html(
            build_laporan(opd_bersih.kode, 2024)
        )  # never in the PDF

    def test_signing_twice_is_refused_and_a_correction_is_the_next_revision_with_a_reason(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        pertama = signed(opd_bersih, pelaku)
        with pytest.raises(AlurDitolak, match=r"sudah ditandatangani \(revisi 0\)"):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        with pytest.raises(AlurDitolak, match="Alasan revisi wajib diisi"):
            workflow.buka_revisi(lap_of(opd_bersih), pelaku.perencana, " ")
        workflow.buka_revisi(
            lap_of(opd_bersih), pelaku.perencana, "Realisasi IKU-1 dikoreksi sesuai BPS."
        )
        assert lap_of(opd_bersih).status == StatusLaporan.DRAF
        Realisasi.objects.filter(indikator__opd=opd_bersih).update(nilai=82)
        kedua = signed(opd_bersih, pelaku)
        assert (kedua.revisi, kedua.alasan_revisi) == (1, "Realisasi IKU-1 dikoreksi sesuai BPS.")
        assert "REVISI 1" in pdf_text(bytes(kedua.pdf)) and "REVISI" not in pdf_text(
            bytes(pertama.pdf)
        )
        assert (
            pertama.status_teks() == "digantikan oleh revisi 1" and kedua.status_teks() == "berlaku"
        )

        # Every revision stays downloadable, and the public pages say which one stands.
        for dokumen in (pertama, kedua):
            response = client.get(reverse("reports:unduh_dokumen", args=[dokumen.pk]))
            assert response["Content-Type"] == "application/pdf" and response.content == bytes(
                dokumen.pdf
            )
        html = client.get(reverse("reports:verifikasi_dokumen", args=[pertama.pk])).content.decode()
        assert "Digantikan oleh revisi 1" in html
        client.force_login(pelaku.perencana)
        html = client.get(reverse("reports:alur", args=[opd_bersih.kode, 2024])).content.decode()
        assert (
            html.count("digantikan oleh revisi 1") == 1
            and pertama.sha256 in html
            and kedua.sha256 in html
        )

        # The next revision from the command line, which takes the reason given there.
        workflow.ajukan(
            workflow.buka_revisi(lap_of(opd_bersih), pelaku.kepala, "Salah ketik pada Bab IV."),
            pelaku.perencana,
        )
        out = io.StringIO()
        call_command(
            "sign_lkip",
            "--org",
            opd_bersih.kode,
            "--year",
            "2024",
            "--as",
            "kepala.uji",
            "--revisi-alasan",
            "Salah ketik pada Bab IV diperbaiki.",
            stdout=out,
        )
        assert "revisi 2 disetujui dan ditandatangani" in out.getvalue()
        assert (
            DokumenTertandatangani.objects.get(revisi=2).alasan_revisi
            == "Salah ketik pada Bab IV diperbaiki."
        )
        assert pertama.status_teks() == kedua.status_teks() == "digantikan oleh revisi 2"

    def test_an_lkip_that_is_not_submitted_cannot_be_signed(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        with pytest.raises(AlurDitolak, match=r"belum diajukan untuk persetujuan \(status: Draf\)"):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        client.force_login(pelaku.kepala)
        response = client.post(
            reverse("reports:alur_tandatangani", args=[opd_bersih.kode, 2024]),
            {"konfirmasi": "ya", "ttd-setuju": "on"},
        )
        assert (
            response.status_code == 409
            and "belum diajukan untuk persetujuan" in response.content.decode()
        )
        assert (
            not DokumenTertandatangani.objects.exists()
            and lap_of(opd_bersih).status == StatusLaporan.DRAF
        )

    def test_what_is_signed_must_be_what_was_submitted(self, opd_bersih, pelaku, sertifikat_demo):
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        NarasiLaporan.objects.create(
            opd=opd_bersih, tahun=2024, bagian="kesimpulan", teks="Ditambah setelah diajukan."
        )
        with pytest.raises(AlurDitolak, match="berubah setelah diajukan"):
            workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        assert not DokumenTertandatangani.objects.exists()
        workflow.kembalikan(
            lap_of(opd_bersih), pelaku.kepala, "Narasi kesimpulan berubah; periksa lagi."
        )
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        dokumen = workflow.setujui_dan_tandatangani(lap_of(opd_bersih), pelaku.kepala)
        assert "Ditambah setelah diajukan." in json.dumps(dokumen.snapshot)


class VerificationTests:
    def test_the_public_pages_and_the_command_accept_the_signed_pdf_and_reject_changed_copies(
        self, client, tmp_path, opd_bersih, pelaku, sertifikat_demo
    ):
        dokumen = signed(opd_bersih, pelaku)
        pdf = bytes(dokumen.pdf)
        self._public_page(client, dokumen)  # no login needed

        html = upload(client, pdf)
        assert "<h2>sah</h2>" in html and "berlaku" in html and dokumen.sha256 in html
        assert (
            "dinas uji a" in html and "dr. kepala uji, m.si." in html and "sertifikat demo" in html
        )
        code, out = verify_command(tmp_path, pdf)
        assert code == 0 and out.startswith("SAH: ") and "Status: berlaku" in out

        signed_range_byte = len(pdf) // 3
        contents = pdf.index(b"/Contents <") + 200  # inside the signature container itself
        changed = {
            "one byte of the content": (
                flip(pdf, signed_range_byte),
                "isi PDF telah diubah setelah ditandatangani",
            ),
            "one byte of the signature": (
                flip(pdf, contents),
                "PDF rusak atau tanda tangannya tidak dapat dibaca",
            ),
            "an update appended": (
                pdf + b"\n% catatan\n",
                "tanda tangan tidak mencakup seluruh berkas",
            ),
        }
        for label, (data, reason) in changed.items():
            html = upload(client, data)
            assert "<h2>tidak sah</h2>" in html and reason.lower() in html, label
            code, out = verify_command(tmp_path, data)
            assert code == 1 and out.startswith("TIDAK SAH: ") and reason in out, label
            assert "Traceback" not in out

    def test_other_files_are_tidak_sah_with_the_reason(self, client, tmp_path, monkeypatch):
        blank = io.BytesIO()
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.write(blank)
        cases = {
            "not a PDF": (b"GIF89a bukan pdf", "berkas ini bukan PDF."),
            "a PDF of another system": (blank.getvalue(), "tidak memuat tanda tangan elektronik"),
            "a PDF signed by another certificate": (
                self._signed_by_other_certificate(blank.getvalue(), tmp_path),
                "ditandatangani dengan sertifikat lain",
            ),
            "a damaged PDF": (b"%PDF-1.7\n1 0 obj <<>> endobj\nrusak", "PDF rusak"),
        }
        for label, (data, reason) in cases.items():
            html = upload(client, data)
            assert "<h2>tidak sah</h2>" in html and reason.lower() in html, label
            code, out = verify_command(tmp_path, data)
            assert code == 1 and reason in out, label

        monkeypatch.setattr(verifikasi, "MAKS_UKURAN", 10)
        assert "berkas terlalu besar" in verifikasi.verifikasi_pdf(b"%PDF-" + b"x" * 20).alasan
        code, out = verify_command(tmp_path, b"%PDF-" + b"x" * 20)
        assert code == 1 and "TIDAK SAH: berkas terlalu besar" in out

        out = io.StringIO()
        with pytest.raises(SystemExit) as exit_:
            call_command("verify_lkip", str(tmp_path / "tidak-ada.pdf"), stdout=out)
        assert exit_.value.code == 1 and "tidak ditemukan" in out.getvalue()

        response = client.post(reverse("reports:verifikasi"), {})
        assert (
            response.status_code == 200
            and "Pilih berkas PDF yang akan diperiksa." in response.content.decode()
        )

    @staticmethod
    def _signed_by_other_certificate(pdf: bytes, tmp_path: Path) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12_data(
            signing.p12_demo("Sistem Lain"), [], signing.DEMO_KATA_SANDI.encode()
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        return signers.sign_pdf(
            writer, signers.PdfSignatureMetadata(field_name="Sig"), signer
        ).getvalue()

    @staticmethod
    def _public_page(client, dokumen):
        html = client.get(reverse("reports:verifikasi_dokumen", args=[dokumen.pk])).content.decode()
        for part in (
            "Dinas Uji A",
            "2024",
            "Dr. KEPALA UJI, M.Si.",
            dokumen.sha256,
            "Berlaku",
            "SERTIFIKAT DEMO",
            reverse("reports:unduh_dokumen", args=[dokumen.pk]),
        ):
            assert part in html, part
        assert (
            client.get(reverse("reports:verifikasi_dokumen", args=[uuid.uuid4()])).status_code
            == 404
        )
        assert client.get(reverse("reports:verifikasi")).status_code == 200


class CommandTests:
    def test_sign_lkip_signs_the_demo_agency_and_render_lkip_writes_the_signed_pdf(
        self, demo, tmp_path, media
    ):
        from demo.opd import load_demo

        load_demo()  # the demo certificate, in this test's MEDIA_ROOT
        perbaiki_data_demo(demo)
        from django.contrib.auth import get_user_model

        workflow.ajukan(lap_of(demo), get_user_model().objects.get(username="perencana.dinsos"))
        out = io.StringIO()
        call_command(
            "sign_lkip",
            "--org",
            "dinsos-kota-bekasi",
            "--year",
            "2024",
            "--as",
            "kepala.dinsos",
            stdout=out,
        )
        dokumen = DokumenTertandatangani.objects.get()
        assert f"SHA-256: {dokumen.sha256}" in out.getvalue() and str(dokumen.pk) in out.getvalue()

        target = tmp_path / "lkip-bertanda.pdf"
        call_command(
            "render_lkip",
            "--org",
            "dinsos-kota-bekasi",
            "--year",
            "2024",
            "--signed",
            "--output",
            str(target),
            stdout=io.StringIO(),
        )
        assert target.read_bytes() == bytes(dokumen.pdf)
        status = pyhanko_status(target.read_bytes(), demo_cert_der())
        assert status.intact and status.valid and status.trusted
        code, out = verify_command(tmp_path, target.read_bytes())
        assert code == 0 and "Perangkat daerah: Dinas Sosial Kota Bekasi" in out
        text = pdf_text(bytes(dokumen.pdf))
        assert (
            "Bekasi, 20 Januari 2025" in text and "242,82%" in text
        )  # the seed's date; recomputed figures

    def test_sign_lkip_refusals_are_clear_command_errors(self, opd_bersih, pelaku, sertifikat_demo):
        def sign(*args: str) -> str:
            with pytest.raises(CommandError) as error:
                call_command("sign_lkip", *args, stdout=io.StringIO())
            return str(error.value)

        base = ["--org", opd_bersih.kode, "--year", "2024"]
        assert "Pengguna 'tidak.ada' tidak ditemukan" in sign(*base, "--as", "tidak.ada")
        assert "kode 'dinas-x' tidak ditemukan" in sign(
            "--org", "dinas-x", "--year", "2024", "--as", "kepala.uji"
        )
        assert "Tahun '24' tidak sah" in sign(
            "--org", opd_bersih.kode, "--year", "24", "--as", "kepala.uji"
        )
        assert "belum diajukan untuk persetujuan" in sign(*base, "--as", "kepala.uji")
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        lain = make_opd_bersih("dinas-lain", "Dinas Lain", "Pemerintah Kota Lain")
        make_user("kepala.lain", "kepala_dinas", lain)
        assert "Hanya Kepala Dinas Dinas Uji A sendiri" in sign(*base, "--as", "kepala.lain")
        assert "Hanya Kepala Dinas yang dapat" in sign(*base, "--as", "perencana.uji")
        assert not DokumenTertandatangani.objects.exists()

    def test_render_lkip_signed_needs_a_signed_revision(self, opd_bersih, tmp_path):
        with pytest.raises(CommandError, match="belum ditandatangani"):
            call_command(
                "render_lkip",
                "--org",
                opd_bersih.kode,
                "--year",
                "2024",
                "--signed",
                "--output",
                str(tmp_path / "x.pdf"),
            )
        with pytest.raises(CommandError, match="hanya menghasilkan PDF"):
            call_command(
                "render_lkip",
                "--org",
                opd_bersih.kode,
                "--year",
                "2024",
                "--signed",
                "--format",
                "xlsx",
                "--output",
                str(tmp_path / "x.xlsx"),
            )


class BackgroundSigningTests:
    def test_asking_twice_queues_one_signing_and_running_it_twice_makes_one_revision(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        from django_tasks_db.models import DBTaskResult

        from reports.antrian.tandatangan import tandatangani_laporan

        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        client.force_login(pelaku.kepala)
        url = reverse("reports:alur_tandatangani", args=[opd_bersih.kode, 2024])
        for _ in range(2):
            assert client.post(url, {"konfirmasi": "ya", "ttd-setuju": "on"}).status_code == 302
        assert DBTaskResult.objects.count() == 1  # the second waited for the first
        row = PenandatangananLaporan.objects.get()
        tandatangani_laporan.call(row.pk)
        tandatangani_laporan.call(row.pk)  # a task run twice (or a second worker) signs nothing
        assert DokumenTertandatangani.objects.count() == 1
        assert PenandatangananLaporan.objects.get().revisi == 0

    def test_a_failed_signing_shows_its_reason_and_coba_lagi_signs(
        self, client, opd_bersih, pelaku, sertifikat_demo
    ):
        workflow.ajukan(lap_of(opd_bersih), pelaku.perencana)
        penyimpanan.hapus(
            signing.NAMA_SERTIFIKAT_DEMO
        )  # the certificate is gone when the worker signs
        client.force_login(pelaku.kepala)
        alur = reverse("reports:alur", args=[opd_bersih.kode, 2024])
        client.post(
            reverse("reports:alur_tandatangani", args=[opd_bersih.kode, 2024]),
            {"konfirmasi": "ya", "ttd-setuju": "on"},
        )
        kerjakan_antrian()
        panel = client.get(alur)
        html = panel.content.decode()
        assert (
            "Penandatanganan gagal." in html and "Sertifikat penandatanganan belum diatur" in html
        )
        assert "Coba lagi" in html and "Refresh" not in panel
        assert not DokumenTertandatangani.objects.exists()

        penyimpanan.simpan_sekali(signing.NAMA_SERTIFIKAT_DEMO, sertifikat_demo)
        again = client.post(
            reverse("reports:alur_tandatangani_ulang", args=[opd_bersih.kode, 2024])
        )
        assert again.status_code == 302
        kerjakan_antrian()
        assert DokumenTertandatangani.objects.get().revisi == 0
        assert "Penandatanganan gagal." not in client.get(alur).content.decode()
