"""Raw responses of a year as xlsx (one row per respondent), through lkip.xlsx's safe-cell rule."""

from __future__ import annotations

from lkip import xlsx
from lkip.models import PerangkatDaerah
from skm.models import KOLOM_UNSUR, Responden

KEPALA = [
    "id",
    "unit_layanan",
    "periode",
    "tanggal",
    *KOLOM_UNSUR,
    "kelompok_umur",
    "jenis_kelamin",
    "pendidikan",
    "pekerjaan",
    "layanan",
    "komentar",
    "sumber",
    "tanda_mencurigakan",
    "dikecualikan",
    "alasan_pengecualian",
]


def jawaban_xlsx(opd: PerangkatDaerah, tahun: int) -> bytes:
    """Sheet `Jawaban` in the import's column names (an exported file imports again: ids)."""
    wb = xlsx.new_workbook(write_only=True)
    ws = wb.create_sheet("Jawaban")
    ws.append([xlsx.style_header(xlsx.text_cell(ws, k)) for k in KEPALA])
    qs = (
        Responden.objects.filter(opd=opd, periode__tahun=tahun)
        .select_related("unit_layanan", "periode", "pengecualian")
        .order_by("tanggal", "id")
    )
    for r in qs.iterator(chunk_size=2000):
        pengecualian = getattr(r, "pengecualian", None)
        row = [
            xlsx.text_cell(ws, r.id_impor or f"LKIP-{r.pk}"),
            xlsx.text_cell(ws, r.unit_layanan.nama),
            xlsx.text_cell(ws, str(r.periode)),
            r.tanggal,
            *[r.jawaban[k] for k in KOLOM_UNSUR],
            r.kelompok_umur or None,
            r.jenis_kelamin or None,
            r.pendidikan or None,
            r.pekerjaan or None,
            xlsx.text_cell(ws, r.layanan) if r.layanan else None,
            xlsx.text_cell(ws, r.komentar) if r.komentar else None,
            r.sumber,
            xlsx.text_cell(ws, r.dicurigai) if r.dicurigai else None,
            "ya" if pengecualian else "tidak",
            xlsx.text_cell(ws, pengecualian.alasan) if pengecualian else None,
        ]
        ws.append(row)
    return xlsx.save(wb)
