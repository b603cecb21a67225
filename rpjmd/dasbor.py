"""The pemda's RPJMD sasaran on the pemda dashboard (reports.dashboard.sasaran): the filter's
choices and the agencies whose IKU are linked to a sasaran."""

from __future__ import annotations

from reports.dashboard.sasaran import SumberSasaran
from rpjmd.models import SasaranPemda, TautanSasaran


def pilihan(pemda_id: int) -> list[tuple[str, str]]:
    rows = (
        SasaranPemda.objects.filter(rpjmd__pemda_id=pemda_id)
        .order_by("rpjmd__tahun_awal", "urutan", "kode")
        .values_list("pk", "kode", "uraian", "rpjmd__tahun_awal", "rpjmd__tahun_akhir")
    )
    rows = list(rows)
    periode = len({(r[3], r[4]) for r in rows}) > 1
    out = []
    for pk, kode, uraian, awal, akhir in rows:
        teks = uraian if len(uraian) <= 90 else uraian[:89] + "…"
        label = f"{kode} {teks}" + (f" (RPJMD {awal}–{akhir})" if periode else "")
        out.append((str(pk), label))
    return out


def opd(pemda_id: int, value: str) -> set[int]:
    return set(
        TautanSasaran.objects.filter(
            sasaran_id=int(value), sasaran__rpjmd__pemda_id=pemda_id
        ).values_list("indikator__opd_id", flat=True)
    )


SUMBER = SumberSasaran(pilihan=pilihan, opd=opd, model=(SasaranPemda, TautanSasaran))
