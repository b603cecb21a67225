"""The LKIP rendered ahead of its readers: one queued render per agency-year, published only when
its file is complete, served only while its data version is the current one.

- `minta(opd_id, tahun)` asks for a render. Coalesced: while a render of that agency-year waits in
  the queue (`antre`) nothing more is queued, so a burst of edits or an import of 10.000 rows
  queues one.
- The task `render_laporan` builds the report once and renders XLSX, PDF and DOCX from it. Each file
  is written to the storage under a fresh name, then published (the row updated in a transaction);
  the file it replaces is deleted after the commit.
- `versi_laporan(opd)` is the agency's data fingerprint (`reports.dashboard.sidik.sidik_opd`) with
  the rendering code's: a download serves a file only while it matches, never a stale one.
- A worker holds a lease on the render it works on and renews it from a thread; a worker that dies
  (killed, out of memory, the machine restarted) lets the lease lapse, and the next look at the
  render (`status`, the next task's end, `render_kota`) queues it again, up to
  LKIP_RENDER_PERCOBAAN attempts. A half-written file of a dead worker is never published and is
  deleted when the render is taken up again.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from lkip import penyimpanan
from lkip.models import PerangkatDaerah
from reports.antrian.sewa import PerpanjangSewa, ambil_lagi_bila_terkunci, sewa
from reports.dashboard.sidik import sidik_opd
from reports.laporan import (
    LaporanTidakDitemukan,
    build_laporan,
    render_docx,
    render_pdf,
    render_xlsx,
)
from reports.laporan.batas import RenderTerlaluBerat, RenderTerputus
from reports.laporan.struktur import Laporan
from reports.models import FormatLaporan, RenderLaporan, StatusRender

logger = logging.getLogger("lkip.antrian")

#: The order a render writes its files in: the quick XLSX first, then the PDF most readers want.
URUTAN = (FormatLaporan.XLSX, FormatLaporan.PDF, FormatLaporan.DOCX)
_RENDER: dict[str, Callable[[Laporan], bytes]] = {
    FormatLaporan.PDF: render_pdf,
    FormatLaporan.XLSX: render_xlsx,
    FormatLaporan.DOCX: render_docx,
}


def _sidik_kode() -> str:
    """The rendering code and its templates: a deploy that changes them makes every file stale."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=6)
    files = [
        *sorted((base / "reports" / "laporan").glob("*.py")),
        *sorted((base / "reports" / "charts").glob("*.py")),
        *sorted((base / "templates" / "reports").glob("*.*")),
    ]
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


KODE = _sidik_kode()


def versi_laporan(opd: PerangkatDaerah) -> str:
    """The version of everything the agency's LKIP is rendered from (three queries)."""
    return hashlib.blake2b(
        f"{sidik_opd(opd.pk, opd.pemda_id)}:{KODE}".encode(), digest_size=12
    ).hexdigest()


# --- asking ------------------------------------------------------------------------------------


def minta(opd_id: int, tahun: int, *, paksa: bool = False, prioritas: int = 0) -> bool:
    """Queue a render of the agency-year unless one waits already; whether one was queued.

    `paksa` renders even a file whose data version is current (`render_kota`); `prioritas` below 0
    lets single agencies' changes go first (a city's re-render waits behind them)."""
    with transaction.atomic():
        RenderLaporan.objects.bulk_create(
            [RenderLaporan(opd_id=opd_id, tahun=tahun, jenis=f) for f in FormatLaporan],
            ignore_conflicts=True,
        )
        queued = RenderLaporan.objects.filter(opd_id=opd_id, tahun=tahun, antre=False).update(
            antre=True, diminta=timezone.now()
        )
        if queued:
            render_laporan.using(queue_name=settings.LKIP_ANTRIAN, priority=prioritas).enqueue(
                opd_id, tahun, paksa
            )
    return bool(queued)


def pulihkan_sewa_habis(**filters) -> int:
    """Queue again the renders whose worker let its lease lapse (it died); how many."""
    lapsed = (
        RenderLaporan.objects.filter(
            status=StatusRender.BERJALAN, sewa_sampai__lt=timezone.now(), antre=False, **filters
        )
        .values_list("opd_id", "tahun")
        .distinct()
    )
    pairs = list(lapsed)
    for opd_id, tahun in pairs:
        logger.warning(
            "Render LKIP opd=%s tahun=%s: sewa pekerja habis (pekerja berhenti?); diantrekan lagi",
            opd_id,
            tahun,
        )
        minta(opd_id, tahun)
    return len(pairs)


# --- what a reader sees ------------------------------------------------------------------------


@dataclass(frozen=True)
class Keadaan:
    """Where a document of an agency-year stands for the reader, now."""

    siap: bool  # the file matches the current data: serve it
    berkas: str = ""
    gagal: str = ""  # why the render for the current data failed (Indonesian)
    berjalan: bool = False
    antrean: int = 0  # position in the queue while waiting (1 = next)
    detik_berjalan: float = 0.0
    perkiraan_detik: float | None = None  # how long the last render of it took

    @property
    def persen(self) -> int | None:
        if not self.berjalan or not self.perkiraan_detik:
            return None
        return min(95, int(100 * self.detik_berjalan / self.perkiraan_detik))


def keadaan(opd: PerangkatDaerah, tahun: int, format: str, *, antrekan: bool = True) -> Keadaan:
    """The document's state for a reader: ready (its data version is the current one), being
    prepared (queued or rendering; queued now if nothing is on the way and `antrekan`), or failed
    for the current data."""
    row = RenderLaporan.objects.filter(opd=opd, tahun=tahun, jenis=format).first()
    versi = versi_laporan(opd)
    if row is not None and row.berkas and row.versi == versi:
        return Keadaan(siap=True, berkas=row.berkas)
    now = timezone.now()
    if row is not None and row.status == StatusRender.GAGAL and row.versi_gagal == versi:
        if not row.antre:
            return Keadaan(siap=False, gagal=row.galat)
    if row is not None and row.status == StatusRender.BERJALAN and row.sewa_sampai:
        if row.sewa_sampai >= now:
            return Keadaan(
                siap=False,
                berjalan=True,
                detik_berjalan=(now - row.mulai).total_seconds() if row.mulai else 0.0,
                perkiraan_detik=row.detik,
            )
        pulihkan_sewa_habis(opd_id=opd.pk, tahun=tahun)
    elif antrekan and (row is None or not row.antre):
        minta(opd.pk, tahun)
    row = RenderLaporan.objects.filter(opd=opd, tahun=tahun, jenis=format).first()
    ahead = (
        RenderLaporan.objects.filter(jenis=format, antre=True, diminta__lt=row.diminta).count()
        if row is not None and row.antre and row.diminta
        else 0
    )
    return Keadaan(siap=False, antrean=ahead + 1, perkiraan_detik=row.detik if row else None)


def ulangi(opd: PerangkatDaerah, tahun: int) -> None:
    """'Coba lagi' after a failure: a fresh render with fresh attempts."""
    RenderLaporan.objects.filter(opd=opd, tahun=tahun, status=StatusRender.GAGAL).update(
        status=StatusRender.MENUNGGU, percobaan=0
    )
    minta(opd.pk, tahun)


# --- the task ------------------------------------------------------------------------------------


@task()
def render_laporan(opd_id: int, tahun: int, paksa: bool = False) -> str:
    """Render the agency-year's XLSX, PDF and DOCX from the current data (in the worker); with
    `paksa` also the files whose data version is current."""
    token = uuid.uuid4().hex
    claimed = ambil_lagi_bila_terkunci(
        lambda: _ambil(opd_id, tahun, token, paksa), f"Render LKIP opd={opd_id} tahun={tahun}"
    )
    if claimed is not None:
        rows = RenderLaporan.objects.filter(
            opd_id=opd_id, tahun=tahun, pekerja=token, status=StatusRender.BERJALAN
        )
        with PerpanjangSewa(rows):
            _kerjakan(claimed, opd_id, tahun, token, paksa)
    return claimed or "tidak ada"


def _ambil(opd_id: int, tahun: int, token: str, paksa: bool) -> str | None:
    """Claim the agency-year's render under a lease; None when another worker holds it (then a
    task is queued to look again when its lease could have lapsed) or it failed too often."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(RenderLaporan.objects.select_for_update().filter(opd_id=opd_id, tahun=tahun))
        if not rows:
            return None
        held = [r for r in rows if r.status == StatusRender.BERJALAN and r.sewa_sampai]
        if any(r.sewa_sampai >= now for r in held):  # another worker renders it now
            render_laporan.using(
                queue_name=settings.LKIP_ANTRIAN, run_after=max(r.sewa_sampai for r in held)
            ).enqueue(opd_id, tahun, paksa)
            return None
        ulang = bool(held)  # the lease of a worker that died lapsed: another attempt
        percobaan = max(r.percobaan for r in rows) + 1 if ulang else 1
        for row in rows:  # a half-written file of a dead worker is never published
            if row.berkas_sementara and row.berkas_sementara != row.berkas:
                transaction.on_commit(lambda n=row.berkas_sementara: penyimpanan.hapus(n))
        if percobaan > settings.LKIP_RENDER_PERCOBAAN:
            pesan = (
                f"Penyusunan dokumen terhenti {percobaan - 1} kali karena pekerja latar berhenti "
                "di tengah jalan (kehabisan memori atau dimatikan). Periksa log server, lalu "
                "coba lagi."
            )
            RenderLaporan.objects.filter(opd_id=opd_id, tahun=tahun).update(
                status=StatusRender.GAGAL,
                galat=pesan,
                versi_gagal=_versi(opd_id),
                antre=False,
                pekerja="",
                berkas_sementara="",
            )
            logger.error("Render LKIP opd=%s tahun=%s: %s", opd_id, tahun, pesan)
            return None
        RenderLaporan.objects.filter(opd_id=opd_id, tahun=tahun).update(
            status=StatusRender.BERJALAN,
            antre=False,
            mulai=now,
            sewa_sampai=now + sewa(),
            pekerja=token,
            percobaan=percobaan,
            berkas_sementara="",
        )
    return "ulang" if ulang else "baru"


def _versi(opd_id: int) -> str:
    return versi_laporan(PerangkatDaerah.objects.get(pk=opd_id))


def _kerjakan(claimed: str, opd_id: int, tahun: int, token: str, paksa: bool) -> None:
    opd = PerangkatDaerah.objects.get(pk=opd_id)
    versi = versi_laporan(opd)  # before the build: a change after it makes this file stale
    rows = {r.jenis: r for r in RenderLaporan.objects.filter(opd_id=opd_id, tahun=tahun)}
    try:
        laporan = build_laporan(opd.kode, tahun)
    except LaporanTidakDitemukan as exc:
        for row in rows.values():
            _gagal(row, token, versi, str(exc))
        return
    except Exception:
        logger.exception("Render LKIP %s %s: penyusunan data gagal", opd.kode, tahun)
        for row in rows.values():
            _gagal(row, token, versi, _pesan_galat(row.jenis))
        return
    for format in URUTAN:
        row = rows[format]
        if row.berkas and row.versi == versi and not paksa:
            _tandai_siap(row, token)
            continue
        mulai = time.monotonic()
        try:
            data = _RENDER[format](laporan)
        except RenderTerputus:
            # The worker is being stopped: no failure to tell the reader. The lease lapses and
            # the render is taken up again (pulihkan_sewa_habis).
            logger.warning("Render LKIP %s %s %s dihentikan dari luar", opd.kode, tahun, format)
            raise
        except RenderTerlaluBerat as exc:
            logger.warning("Render LKIP %s %s %s: %s", opd.kode, tahun, format, exc.pesan)
            _gagal(row, token, versi, exc.pesan)
            continue
        except Exception:
            logger.exception("Render LKIP %s %s %s gagal", opd.kode, tahun, format)
            _gagal(row, token, versi, _pesan_galat(format))
            continue
        _terbitkan(row, token, versi, data, time.monotonic() - mulai)
    logger.info("Render LKIP %s %s selesai (%s)", opd.kode, tahun, claimed)


def _pesan_galat(format: str) -> str:
    return (
        f"Dokumen {FormatLaporan(format).label} tidak dapat disusun karena terjadi kesalahan "
        "pada server (rinciannya tercatat di log server untuk admin). Coba lagi; bila terulang, "
        "hubungi admin."
    )


def _milik(row: RenderLaporan, token: str):
    """The row locked, if this worker still holds its render (else None: its lease was lost)."""
    locked = RenderLaporan.objects.select_for_update().get(pk=row.pk)
    return locked if locked.pekerja == token else None


def _terbitkan(row: RenderLaporan, token: str, versi: str, data: bytes, detik: float) -> None:
    """Store the complete file, then publish it; the file it replaces goes after the commit."""
    name = f"render/{row.opd_id}/{row.tahun}/{row.jenis}-{versi}-{token[:8]}.{row.jenis}"
    RenderLaporan.objects.filter(pk=row.pk, pekerja=token).update(berkas_sementara=name)
    saved = penyimpanan.simpan(name, data)
    with transaction.atomic():
        locked = _milik(row, token)
        if locked is None:  # another worker took the render over: ours is not published
            transaction.on_commit(lambda: penyimpanan.hapus(saved))
            return
        lama = locked.berkas
        RenderLaporan.objects.filter(pk=row.pk).update(
            versi=versi,
            berkas=saved,
            selesai=timezone.now(),
            detik=detik,
            status=StatusRender.SIAP,
            galat="",
            versi_gagal="",
            berkas_sementara="",
        )
        if lama and lama != saved:
            transaction.on_commit(lambda: penyimpanan.hapus(lama))


def _tandai_siap(row: RenderLaporan, token: str) -> None:
    RenderLaporan.objects.filter(pk=row.pk, pekerja=token).update(
        status=StatusRender.SIAP, galat="", versi_gagal=""
    )


def _gagal(row: RenderLaporan, token: str, versi: str, pesan: str) -> None:
    RenderLaporan.objects.filter(pk=row.pk, pekerja=token).update(
        status=StatusRender.GAGAL, galat=pesan, versi_gagal=versi, berkas_sementara=""
    )
