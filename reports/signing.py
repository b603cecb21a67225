"""Signing an LKIP: the agency certificate, the frozen snapshot, the final PDF and its PAdES
signature.

Nothing here writes to the database: `buat_dokumen` returns an unsaved DokumenTertandatangani and
the workflow (reports.workflow.setujui_dan_tandatangani) stores it in one transaction, so a refusal
or a failure at any step leaves nothing frozen and nothing half-signed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lkip import formulas, penyimpanan
from reports.aturan_pemda import aturan_pemda
from reports.laporan import build_laporan
from reports.laporan.render import KotakTandaTangan, render_pdf_bertanda, render_stempel
from reports.laporan.struktur import Laporan, TandaTanganElektronik, from_json, to_json
from reports.models import DokumenTertandatangani, LaporanTahunan

DEMO_PENANDA = "SERTIFIKAT DEMO"
DEMO_CN = "SERTIFIKAT DEMO — BUKAN UNTUK PENGGUNAAN RESMI"
DEMO_KATA_SANDI = "lkip-demo-2024"  # a demo key, documented in the README: protects nothing real
NAMA_FIELD = "TTE-Kepala-Dinas"


class SertifikatBermasalah(Exception):
    """The signing certificate cannot be used; the message says why and what to set."""


@dataclass(frozen=True)
class Sertifikat:
    signer: object  # pyhanko.sign.signers.SimpleSigner
    der: bytes
    subjek: str
    penerbit: str
    berlaku_dari: datetime
    berlaku_sampai: datetime

    @property
    def demo(self) -> bool:
        return DEMO_PENANDA in self.subjek

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.der).hexdigest()


#: The demo certificate's name in the file storage (lkip.penyimpanan), written once.
NAMA_SERTIFIKAT_DEMO = "sertifikat/lkip-demo.p12"


def nama_dn(name) -> str:
    """A certificate name as 'CN=…, O=…, C=ID' (cryptography x509.Name)."""
    from cryptography.x509.oid import NameOID

    label = {
        NameOID.COMMON_NAME: "CN",
        NameOID.ORGANIZATION_NAME: "O",
        NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
        NameOID.COUNTRY_NAME: "C",
        NameOID.LOCALITY_NAME: "L",
        NameOID.STATE_OR_PROVINCE_NAME: "ST",
        NameOID.EMAIL_ADDRESS: "E",
        NameOID.SERIAL_NUMBER: "SERIALNUMBER",
    }
    return ", ".join(
        f"{label.get(a.oid, a.oid.dotted_string)}={a.value}" for a in reversed(list(name))
    )


def _penerbit(name) -> str:
    """The issuer as a reader names it: 'Balai Sertifikasi Elektronik (BSSN)' rather than a DN."""
    from cryptography.x509.oid import NameOID

    cn = [a.value for a in name.get_attributes_for_oid(NameOID.COMMON_NAME)]
    org = [a.value for a in name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)]
    if cn and org and cn[0] != org[0]:
        return f"{cn[0]} ({org[0]})"
    return (cn or org or [nama_dn(name)])[0]


def muat_sertifikat() -> Sertifikat:
    """The configured PKCS#12 (LKIP_SIGNING_P12 / LKIP_SIGNING_PASSPHRASE), or the demo
    certificate."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from pyhanko.sign.signers import SimpleSigner

    # The agency's certificate is a file each server keeps beside its other secrets (like
    # SECRET_KEY), not something users upload: a path. The demo certificate is in the storage.
    if settings.LKIP_SIGNING_P12:
        path, kata_sandi = Path(settings.LKIP_SIGNING_P12), settings.LKIP_SIGNING_PASSPHRASE
        if not path.is_file():
            raise SertifikatBermasalah(
                f"Berkas sertifikat penandatanganan '{path}' (LKIP_SIGNING_P12) tidak ditemukan. "
                "Periksa pengaturan server; LKIP tidak ditandatangani."
            )
        data, nama = path.read_bytes(), path.name
    else:
        data, nama, kata_sandi = (
            penyimpanan.baca(NAMA_SERTIFIKAT_DEMO),
            "lkip-demo.p12",
            DEMO_KATA_SANDI,
        )
        if data is None:
            raise SertifikatBermasalah(
                "Sertifikat penandatanganan belum diatur: LKIP_SIGNING_P12 kosong dan sertifikat "
                "demo belum dibuat. Jalankan 'python manage.py load_demo' untuk sertifikat demo, "
                "atau atur LKIP_SIGNING_P12 dan LKIP_SIGNING_PASSPHRASE ke sertifikat instansi."
            )
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(
            data, kata_sandi.encode() if kata_sandi else None
        )
    except (ValueError, TypeError) as exc:
        raise SertifikatBermasalah(
            f"Sertifikat '{nama}' tidak dapat dibuka: kata sandi sertifikat "
            "(LKIP_SIGNING_PASSPHRASE) salah, atau berkasnya bukan PKCS#12 yang sah. LKIP tidak "
            "ditandatangani."
        ) from exc
    if key is None or cert is None:
        raise SertifikatBermasalah(
            f"Berkas PKCS#12 '{nama}' tidak memuat kunci privat dan sertifikatnya."
        )
    sekarang = timezone.now()
    if not cert.not_valid_before_utc <= sekarang <= cert.not_valid_after_utc:
        raise SertifikatBermasalah(
            f"Sertifikat '{nama_dn(cert.subject)}' tidak berlaku saat ini (masa berlaku "
            f"{formulas.format_tanggal(cert.not_valid_before_utc.date())} s.d. "
            f"{formulas.format_tanggal(cert.not_valid_after_utc.date())})."
        )
    signer = SimpleSigner.load_pkcs12_data(
        data, other_certs=[], passphrase=kata_sandi.encode() if kata_sandi else None
    )
    return Sertifikat(
        signer=signer,
        der=cert.public_bytes(Encoding.DER),
        subjek=nama_dn(cert.subject),
        penerbit=_penerbit(cert.issuer),
        berlaku_dari=cert.not_valid_before_utc,
        berlaku_sampai=cert.not_valid_after_utc,
    )


def buat_sertifikat_demo(organisasi: str) -> str:
    """The demo certificate in the file storage, created once; its storage name.

    An existing one is kept (another instance may have created it a moment ago): the key that
    signed earlier documents never changes under their feet.
    """
    if not penyimpanan.ada(NAMA_SERTIFIKAT_DEMO):
        try:
            penyimpanan.simpan_sekali(NAMA_SERTIFIKAT_DEMO, p12_demo(organisasi))
        except penyimpanan.BerkasSudahAda:
            pass
    return NAMA_SERTIFIKAT_DEMO


def p12_demo(organisasi: str) -> bytes:
    """A new self-signed RSA-2048 demo certificate as PKCS#12 (DEMO_KATA_SANDI)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi[:64]),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME, "Demo aplikasi LKIP (bukan BSrE/BSSN)"
            ),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CN),
        ]
    )
    sekarang = timezone.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - timedelta(days=1))
        .not_valid_after(sekarang + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        DEMO_CN.encode(), key, cert, None, BestAvailableEncryption(DEMO_KATA_SANDI.encode())
    )


def url_verifikasi(dokumen_id: uuid.UUID | str) -> str:
    """The public verification page of a signed document (printed and in the QR code)."""
    return settings.LKIP_PUBLIC_URL.rstrip("/") + reverse(
        "reports:verifikasi_dokumen", args=[dokumen_id]
    )


def qr_svg(teks: str) -> str:
    """A QR code as inline SVG (one path), sharp in print at any size."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(teks)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
        'shape-rendering="crispEdges" role="img" aria-label="Kode QR verifikasi">'
        f'<path d="{path}" fill="#000"/></svg>'
    )


def waktu_teks(waktu: datetime) -> str:
    """'27 November 2026 pukul 21.18 WIB' in the server's time zone (Asia/Jakarta)."""
    lokal = timezone.localtime(waktu)
    return f"{formulas.format_tanggal(lokal.date())} pukul {lokal:%H.%M} {lokal.tzname()}"


def tandatangani_pdf(
    pdf: bytes,
    kotak: KotakTandaTangan,
    stempel: bytes,
    sertifikat: Sertifikat,
    *,
    nama: str,
    alasan: str,
    lokasi: str,
    kontak: str,
) -> bytes:
    """PAdES signature (pyHanko) with a visible field exactly over the stamp box of the signature
    block."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    with tempfile.TemporaryDirectory() as tmp:
        stempel_path = Path(tmp) / "stempel.pdf"
        stempel_path.write_bytes(stempel)
        style = StaticStampStyle(
            background=ImportedPdfPage(str(stempel_path)),
            border_width=0,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=NAMA_FIELD,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=nama,
            reason=alasan,
            location=lokasi,
            contact_info=kontak,
        )
        spec = fields.SigFieldSpec(NAMA_FIELD, on_page=kotak.halaman, box=kotak.kotak)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        pdf_signer = signers.PdfSigner(
            meta, sertifikat.signer, stamp_style=style, new_field_spec=spec
        )
        return pdf_signer.sign_pdf(writer).getvalue()


def kolom_tanda_tangan(
    signed: bytes, user, nama: str, jabatan: str, sertifikat: Sertifikat, waktu: datetime
) -> dict:
    """The fields every signed file stores (models.BerkasTertandatangani): the PDF and its hash,
    who signed, and the certificate."""
    return {
        "pdf": signed,
        "sha256": hashlib.sha256(signed).hexdigest(),
        "penandatangan": user,
        "nama_penandatangan": nama,
        "jabatan_penandatangan": jabatan,
        "sertifikat_subjek": sertifikat.subjek,
        "sertifikat_penerbit": sertifikat.penerbit,
        "sertifikat": sertifikat.der,
        "sertifikat_sha256": sertifikat.sha256,
        "sertifikat_demo": sertifikat.demo,
        "ditandatangani": waktu,
    }


def bekukan(lap: LaporanTahunan) -> Laporan:
    """The year's data and narrative as the final report (no draft marks, no data-health
    appendix)."""
    if lap.adalah_pemda:  # the pemda's own report (rpjmd)
        laporan = aturan_pemda().bangun(lap.pemda.kode, lap.tahun)
    else:
        laporan = build_laporan(lap.opd.kode, lap.tahun)
    return dataclasses.replace(laporan, draf=False, temuan=())


def sidik(laporan: Laporan) -> str:
    """SHA-256 of a report's content: equal exactly when the snapshots are equal."""
    return hashlib.sha256(
        json.dumps(to_json(laporan), sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def buat_dokumen(
    lap: LaporanTahunan,
    user,
    sertifikat: Sertifikat,
    revisi: int,
    alasan_revisi: str,
    laporan: Laporan | None = None,
) -> DokumenTertandatangani:
    """Freeze the year as a snapshot, render the final PDF from it and sign it (unsaved result)."""
    opd = lap.pemilik
    waktu = timezone.now()
    laporan = laporan or bekukan(lap)
    if laporan.tanggal is None:  # an undated report is dated the day its head signs it
        hari = timezone.localdate(waktu)
        laporan = dataclasses.replace(
            laporan,
            tanggal=hari,
            penandatangan=dataclasses.replace(
                laporan.penandatangan,
                tempat_tanggal=f"{opd.kota_ttd or opd.nama}, {formulas.format_tanggal(hari)}",
            ),
        )
    snapshot = to_json(laporan)
    beku = from_json(json.loads(json.dumps(snapshot)))  # render exactly what is stored
    dokumen_id = uuid.uuid4()
    url = url_verifikasi(dokumen_id)
    nama = user.get_full_name().strip() or beku.penandatangan.nama or user.get_username()
    jabatan = beku.penandatangan.jabatan
    tte = TandaTanganElektronik(
        dokumen_id=str(dokumen_id),
        revisi=revisi,
        nama=nama,
        jabatan=jabatan,
        waktu=waktu_teks(waktu),
        url_verifikasi=url,
        qr_svg=qr_svg(url),
        sertifikat_subjek=sertifikat.subjek,
        penerbit=sertifikat.penerbit,
        demo=sertifikat.demo,
    )
    pdf, kotak = render_pdf_bertanda(beku, tte)
    alasan = f"Persetujuan {beku.judul}" + (f", revisi {revisi}: {alasan_revisi}" if revisi else "")
    signed = tandatangani_pdf(
        pdf,
        kotak,
        render_stempel(tte),
        sertifikat,
        nama=nama,
        alasan=alasan[:500],
        lokasi=opd.kota_ttd or opd.nama,
        kontak=url,
    )
    return DokumenTertandatangani(
        id=dokumen_id,
        laporan=lap,
        revisi=revisi,
        alasan_revisi=alasan_revisi if revisi else "",
        snapshot=snapshot,
        **kolom_tanda_tangan(signed, user, nama, jabatan, sertifikat, waktu),
    )
