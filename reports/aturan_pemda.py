"""The pemda's own LKIP in the agency workflow and signing: what it needs from the app that knows
it (rpjmd), registered at start-up. Its own module, below `workflow` and `signing`, which both
read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lkip.models import Pemda
from reports.health import Temuan


@dataclass(frozen=True)
class AturanPemda:
    """What the pemda's own LKIP (a LaporanTahunan with `pemda`, no `opd`) needs from the app that
    knows it (rpjmd), registered at start-up: its permissions, its final report, and the findings
    that block its submission."""

    izin_ajukan: str
    izin_reviu: str
    izin_tandatangani: str
    bangun: Callable[[str, int], object]  # (pemda kode, tahun) -> the final Laporan
    penghalang: Callable[[Pemda, int], list[Temuan]]
    bangun_draf: Callable[[str, int], object]  # (pemda kode, tahun) -> the draft, with findings
    periksa: Callable[[str, int], list[Temuan]]  # (pemda kode, tahun) -> every finding
    tidak_ditemukan: type[Exception] = LookupError  # raised by the above for an unknown year


_aturan_pemda: AturanPemda | None = None


def daftarkan_pemda(aturan: AturanPemda) -> None:
    """Called by the rpjmd app: the rules of the pemda-level LKIP."""
    global _aturan_pemda
    _aturan_pemda = aturan


def aturan_pemda() -> AturanPemda:
    if _aturan_pemda is None:
        raise RuntimeError("LKIP tingkat pemda belum didaftarkan (aplikasi rpjmd).")
    return _aturan_pemda
