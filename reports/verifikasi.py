"""Is this PDF exactly a signed LKIP of this system? One verdict for the public page and
verify_lkip.

Authentic means both: the file's SHA-256 is that of a stored signed revision, and pyHanko validates
its signature (integrity of the signed bytes, and the signer certificate is the one recorded at
signing, which is the trust root). Anything else is "tidak sah" with the reason, never an exception.
"""

from __future__ import annotations

import contextvars
import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from lkip import formulas
from reports.models import DokumenTertandatangani
from reports.signing import waktu_teks

MAKS_UKURAN = 50 * 1024 * 1024  # 50 MB: a signed 60-page LKIP is about 1 MB

_DIAM: contextvars.ContextVar[bool] = contextvars.ContextVar("lkip_verifikasi_diam", default=False)


class _DiamSaatVerifikasi(logging.Filter):
    """pyHanko logs a warning with a traceback for every certificate it cannot trust; while a PDF is
    being verified that is the verdict ("ditandatangani dengan sertifikat lain"), not a server
    problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _DIAM.get()


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_DiamSaatVerifikasi())
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(
        logging.NullHandler()
    )  # never Python's last-resort stderr output


@dataclass(frozen=True)
class DokumenLain:
    """A signed document of an app above this one (e.g. the LHE of `evaluasi`), as the verdict
    needs it: its recorded certificate, what it is, its details and the page of the document."""

    sertifikat: bytes
    sertifikat_sha256: str
    jenis: str  # e.g. "LHE AKIP"
    rincian: tuple[tuple[str, str], ...]
    url: str


#: (sha256 of a file) -> DokumenLain | None, and (certificate fingerprint) -> DER | None, registered
#: by the apps above in their AppConfig.ready (reports imports none of them).
_DOKUMEN_LAIN: list[Callable[[str], DokumenLain | None]] = []
_SERTIFIKAT_LAIN: list[Callable[[str], bytes | None]] = []


def daftarkan_dokumen(
    cari: Callable[[str], DokumenLain | None], sertifikat: Callable[[str], bytes | None]
) -> None:
    """Called by an app above: its signed documents are verified on the same page."""
    if cari not in _DOKUMEN_LAIN:
        _DOKUMEN_LAIN.append(cari)
        _SERTIFIKAT_LAIN.append(sertifikat)


@dataclass(frozen=True)
class Verdikt:
    sah: bool
    alasan: str
    sha256: str = ""
    dokumen: DokumenTertandatangani | None = None
    status: str = ""  # 'berlaku' / 'digantikan oleh revisi N' (authentic documents only)
    rincian: tuple[tuple[str, str], ...] = ()
    lain: DokumenLain | None = None

    @property
    def judul(self) -> str:
        return "SAH" if self.sah else "TIDAK SAH"

    def teks(self) -> str:
        """The verdict as printed by verify_lkip."""
        lines = [f"{self.judul}: {self.alasan}"]
        lines += [f"  {label}: {value}" for label, value in self.rincian]
        return "\n".join(lines)


def rincian_dokumen(dokumen: DokumenTertandatangani, status: str) -> tuple[tuple[str, str], ...]:
    """What the public page and the command show about a signed revision."""
    return (
        (
            "Pemerintah daerah" if dokumen.laporan.adalah_pemda else "Perangkat daerah",
            dokumen.laporan.pemilik.nama,
        ),
        ("Tahun", str(dokumen.laporan.tahun)),
        (
            "Revisi",
            str(dokumen.revisi) + (f" ({dokumen.alasan_revisi})" if dokumen.alasan_revisi else ""),
        ),
        (
            "Penanda tangan",
            ", ".join(x for x in (dokumen.nama_penandatangan, dokumen.jabatan_penandatangan) if x),
        ),
        ("Waktu penandatanganan", waktu_teks(dokumen.ditandatangani)),
        ("Sertifikat", dokumen.sertifikat_subjek),  # a demo certificate says so in its CN
        ("SHA-256", dokumen.sha256),
        ("Status", status),
    )


def verifikasi_pdf(data: bytes) -> Verdikt:
    """The verdict for an uploaded file's bytes."""
    if len(data) > MAKS_UKURAN:
        ukuran = formulas.format_angka(Decimal(len(data)) / (1024 * 1024), 1)
        return Verdikt(
            False, f"berkas terlalu besar ({ukuran} MB); batasnya {MAKS_UKURAN // 1024 // 1024} MB."
        )
    sha = hashlib.sha256(data).hexdigest()
    if not data.startswith(b"%PDF-"):
        return Verdikt(False, "berkas ini bukan PDF.", sha, rincian=(("SHA-256", sha),))
    dokumen = DokumenTertandatangani.objects.ringkas().filter(sha256=sha).first()
    token = _DIAM.set(True)
    try:
        return _periksa_tanda_tangan(data, sha, dokumen)
    except Exception as exc:  # noqa: BLE001  a damaged file of any kind is an answer, not an error
        logging.getLogger(__name__).info("PDF tidak dapat diperiksa: %r", exc)
        return Verdikt(
            False,
            "PDF rusak atau tanda tangannya tidak dapat dibaca; isi berkas tidak sama dengan "
            "dokumen yang ditandatangani.",
            sha,
            rincian=(("SHA-256", sha),),
        )
    finally:
        _DIAM.reset(token)


def _periksa_tanda_tangan(data: bytes, sha: str, dokumen: DokumenTertandatangani | None) -> Verdikt:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    dasar = (("SHA-256", sha),)
    signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    if not signatures:
        return Verdikt(
            False,
            "PDF ini tidak memuat tanda tangan elektronik: bukan LKIP tertandatangani dari "
            "aplikasi ini.",
            sha,
            rincian=dasar,
        )
    if len(signatures) > 1:
        return Verdikt(
            False,
            "PDF ini memuat lebih dari satu tanda tangan; LKIP dari aplikasi ini hanya "
            "ditandatangani satu kali per revisi.",
            sha,
            rincian=dasar,
        )
    signature = signatures[0]
    signer_cert = signature.signer_cert
    fingerprint = hashlib.sha256(signer_cert.dump()).hexdigest()
    # The trust root is the certificate recorded when a document was signed with this key.
    known = (
        DokumenTertandatangani.objects.filter(sertifikat_sha256=fingerprint)
        .values_list("sertifikat", flat=True)
        .first()
    )
    if not known:
        known = next((der for f in _SERTIFIKAT_LAIN if (der := f(fingerprint))), None)
    roots = [x509.Certificate.load(bytes(known))] if known else []
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=roots, allow_fetching=False)
    )
    penanda = (("Sertifikat penanda tangan", _subjek(signer_cert)),)
    if not status.intact:
        return Verdikt(
            False,
            "isi PDF telah diubah setelah ditandatangani: sidik (hash) isi dokumen tidak cocok "
            "dengan tanda tangannya.",
            sha,
            rincian=dasar + penanda,
        )
    if not status.valid:
        return Verdikt(
            False, "tanda tangan kriptografisnya tidak sah.", sha, rincian=dasar + penanda
        )
    if not known or not status.trusted:
        return Verdikt(
            False,
            "PDF ini ditandatangani dengan sertifikat lain yang bukan sertifikat penandatanganan "
            "LKIP aplikasi ini.",
            sha,
            rincian=dasar + penanda,
        )
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return Verdikt(
            False,
            "ada perubahan yang ditambahkan ke PDF setelah ditandatangani; tanda tangan tidak "
            "mencakup seluruh berkas.",
            sha,
            rincian=dasar + penanda,
        )
    if dokumen is None:
        lain = next((d for f in _DOKUMEN_LAIN if (d := f(sha))), None)
        if lain is not None and lain.sertifikat_sha256 == fingerprint:
            return Verdikt(
                True,
                f"berkas ini persis {lain.jenis} tertandatangani dari aplikasi ini, dan tanda "
                "tangannya utuh dan sah.",
                sha,
                rincian=(
                    *lain.rincian,
                    ("Tanda tangan", "utuh dan sah; sertifikat cocok dengan yang tercatat"),
                ),
                lain=lain,
            )
        return Verdikt(
            False,
            "tanda tangannya utuh, tetapi berkas ini tidak persis sama dengan LKIP mana pun yang "
            "tercatat di aplikasi ini (SHA-256 tidak ditemukan).",
            sha,
            rincian=dasar + penanda,
        )
    if dokumen.sertifikat_sha256 != fingerprint:
        return Verdikt(
            False,
            "sertifikat penanda tangan berbeda dari yang tercatat untuk dokumen ini.",
            sha,
            rincian=dasar + penanda,
        )
    keadaan = dokumen.status_teks()
    tanda_tangan = ("Tanda tangan", "utuh dan sah; sertifikat cocok dengan yang tercatat")
    return Verdikt(
        True,
        "berkas ini persis LKIP tertandatangani dari aplikasi ini, dan tanda tangannya utuh dan "
        "sah.",
        sha,
        dokumen,
        keadaan,
        (*rincian_dokumen(dokumen, keadaan), tanda_tangan),
    )


def _subjek(cert) -> str:
    """An asn1crypto certificate's subject as 'CN=…, O=…'."""
    from cryptography import x509 as cx509

    from reports.signing import nama_dn

    return nama_dn(cx509.load_der_x509_certificate(cert.dump()).subject)
