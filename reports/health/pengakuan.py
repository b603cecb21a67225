"""Acknowledging data-health warnings: which findings block submission, and recording why a
planner let a warning stand.

A kesalahan blocks until the data is corrected. A peringatan blocks until it is corrected or
acknowledged with a reason; the acknowledgement holds for the finding as it read (rule, record and
figures: `Temuan.sidik`), so it lapses as soon as the figures change. Acknowledgements are kept
with their history, so the audit trail shows who acknowledged what and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from lkip.kunci import tahun_terkunci_error
from lkip.models import Pemda, PerangkatDaerah
from reports.health.checks import KESALAHAN, Temuan, periksa
from reports.models import STATUS_TERKUNCI, LaporanTahunan, PengakuanTemuan, pesan_terkunci

IZIN_AKUI = "reports.ajukan_laporan"


@dataclass(frozen=True)
class StatusTemuan:
    """A finding with its acknowledgement, when one applies to it as it reads now."""

    temuan: Temuan
    pengakuan: PengakuanTemuan | None

    @property
    def menghalangi(self) -> bool:
        """Whether this finding stops the LKIP from being submitted."""
        return self.temuan.adalah_kesalahan or self.pengakuan is None


def status_temuan(opd: PerangkatDaerah, tahun: int, temuan: list[Temuan]) -> list[StatusTemuan]:
    """Each finding with the acknowledgement that still applies to it (one query)."""
    return _status({"opd": opd}, tahun, temuan)


def status_temuan_pemda(pemda: Pemda, tahun: int, temuan: list[Temuan]) -> list[StatusTemuan]:
    """The same for the pemda's own LKIP (its findings come from rpjmd's health checks)."""
    return _status({"pemda": pemda, "opd": None}, tahun, temuan)


def _status(pemilik: dict, tahun: int, temuan: list[Temuan]) -> list[StatusTemuan]:
    stored = {p.kunci: p for p in PengakuanTemuan.objects.filter(**pemilik, tahun=tahun)}
    out = []
    for t in temuan:
        p = stored.get(t.identitas[:200])
        valid = p is not None and not t.adalah_kesalahan and p.sidik == t.sidik
        out.append(StatusTemuan(t, p if valid else None))
    return out


def penghalang(opd: PerangkatDaerah, tahun: int) -> list[StatusTemuan]:
    """The findings that block submission now: every kesalahan, every unacknowledged
    peringatan."""
    return [s for s in status_temuan(opd, tahun, periksa(opd, tahun)) if s.menghalangi]


def akui(opd: PerangkatDaerah, tahun: int, sidik: list[str], alasan: str, user) -> int:
    """Acknowledge the current warnings with these fingerprints, with one reason; returns how many.

    Refuses (ValidationError) without a reason, for a kesalahan, for a finding that no longer reads
    as it did on the page, and while the year is locked (submitted or signed).
    """
    return _akui(
        {"opd": opd},
        tahun,
        sidik,
        alasan,
        user,
        terkunci=lambda: tahun_terkunci_error(opd, tahun),  # takes the agency's write lock
        periksa_sekarang=lambda: periksa(opd, tahun),
    )


def akui_pemda(
    pemda: Pemda,
    tahun: int,
    sidik: list[str],
    alasan: str,
    user,
    periksa_pemda: Callable[[], list[Temuan]],
) -> int:
    """As `akui`, for the pemda's own LKIP; `periksa_pemda` reads its findings now (rpjmd's
    checks, which this app may not import). The lock is the pemda report row's (as submitting
    it takes, `reports.workflow.ajukan`)."""

    def terkunci() -> str | None:
        lap = (
            LaporanTahunan.objects.select_for_update()
            .filter(pemda=pemda, opd__isnull=True, tahun=tahun)
            .order_by()
            .first()
        )
        if lap is not None and lap.status in STATUS_TERKUNCI:
            return pesan_terkunci(lap.tahun, lap.status)
        return None

    return _akui(
        {"pemda": pemda, "opd": None},
        tahun,
        sidik,
        alasan,
        user,
        terkunci=terkunci,
        periksa_sekarang=periksa_pemda,
    )


def _akui(
    pemilik: dict,
    tahun: int,
    sidik: list[str],
    alasan: str,
    user,
    *,
    terkunci: Callable[[], str | None],
    periksa_sekarang: Callable[[], list[Temuan]],
) -> int:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan pengakuan peringatan wajib diisi."})
    if not sidik:
        raise ValidationError({"temuan": "Pilih sekurang-kurangnya satu peringatan."})
    with transaction.atomic():
        locked = terkunci()
        if locked:
            raise ValidationError(locked)
        current = {t.sidik: t for t in periksa_sekarang()}
        missing = [s for s in sidik if s not in current]
        if missing:
            raise ValidationError(
                {
                    "temuan": f"{len(missing)} peringatan yang dipilih sudah berubah atau tidak "
                    "ada lagi (datanya diubah); periksa daftar terbaru lalu akui lagi."
                }
            )
        chosen = [current[s] for s in dict.fromkeys(sidik)]
        if any(t.tingkat == KESALAHAN for t in chosen):
            raise ValidationError(
                {"temuan": "Kesalahan tidak dapat diakui; perbaiki datanya terlebih dahulu."}
            )
        for t in chosen:
            kunci = t.identitas[:200]
            obj = PengakuanTemuan.objects.filter(
                **pemilik, tahun=tahun, kunci=kunci
            ).first() or PengakuanTemuan(**pemilik, tahun=tahun, kunci=kunci)
            obj.sidik, obj.uraian = t.sidik, t.uraian[:1000]
            obj.alasan, obj.oleh = alasan, user
            obj.save()
    return len(chosen)
