"""Paper questionnaires from a workbook: sheet `Jawaban`, one row per respondent, all or nothing.

Columns (row 1, case-insensitive): `unit_layanan` (a new name creates the unit), `tanggal`,
`U1` … `U9` (1–4; blank = not answered), optional `id`, `kelompok_umur`, `jenis_kelamin`,
`pendidikan`, `pekerjaan`, `layanan`, `komentar`. The file is checked like every upload
(`lkip.xlsx_berkas`) and read by openpyxl in read-only mode, values only, rows bounded.

Importing the same file twice adds nothing: rows with an `id` already imported are skipped; a file
without an `id` column is remembered by its SHA-256 and refused the second time. Two identical rows
are two respondents (never merged).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from lkip.formulas import format_tanggal
from lkip.kunci import tahun_terkunci
from lkip.models import PerangkatDaerah
from lkip.xlsx_berkas import ImporDitolak, Masalah, WorkbookDitolak, periksa_berkas
from skm.models import (
    KOLOM_UNSUR,
    ImporSkm,
    JenisKelamin,
    KelompokUmur,
    Pekerjaan,
    Pendidikan,
    PeriodeSurvei,
    Responden,
    Sumber,
    UnitLayanan,
)

LEMBAR = "Jawaban"
BATAS_BARIS = 100_000
BATAS_MASALAH = 50
WAJIB = ["unit_layanan", "tanggal", *KOLOM_UNSUR.values()]
PILIHAN = {
    "kelompok_umur": KelompokUmur,
    "jenis_kelamin": JenisKelamin,
    "pendidikan": Pendidikan,
    "pekerjaan": Pekerjaan,
}
OPSIONAL = ["id", *PILIHAN, "layanan", "komentar"]
PANJANG = {"unit_layanan": 200, "id": 64, "layanan": 200, "komentar": 2000}


@dataclass(frozen=True)
class HasilImpor:
    ditambahkan: int
    sudah_ada: int
    unit_baru: list[str]

    def __str__(self) -> str:
        teks = f"{self.ditambahkan} jawaban ditambahkan"
        if self.sudah_ada:
            teks += f", {self.sudah_ada} baris dengan id yang sudah pernah diimpor dilewati"
        if self.unit_baru:
            teks += f"; unit layanan baru: {', '.join(self.unit_baru)}"
        return teks + "."


def _judul(kolom: str) -> str:
    """A column as the file writes it (u3 → U3)."""
    return kolom.upper() if kolom in KOLOM_UNSUR.values() else kolom


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def _tanggal(nilai) -> date:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    teks = _teks(nilai)
    for pola in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    raise ValueError(
        f"'{teks[:40]}' bukan tanggal; isi sebagai tanggal Excel atau teks 31/12/2024."
    )


def _jawaban(nilai) -> int | None:
    if nilai is None or _teks(nilai) == "":
        return None
    if isinstance(nilai, bool):
        raise ValueError("harus 1, 2, 3 atau 4 (atau kosong bila tidak dijawab).")
    try:
        angka = float(_teks(nilai).replace(",", "."))
    except ValueError:
        angka = 0.5
    if not angka.is_integer() or not 1 <= angka <= 4:
        raise ValueError(
            f"'{_teks(nilai)[:20]}' tidak sah: harus 1, 2, 3 atau 4 "
            "(atau kosong bila tidak dijawab)."
        )
    return int(angka)


def _pilihan(kolom: str, nilai) -> str:
    teks = _teks(nilai)
    if not teks:
        return ""
    enum = PILIHAN[kolom]
    for value, label in enum.choices:
        if teks.lower() in (value.lower(), str(label).lower()):
            return value
    daftar = ", ".join(f"{value} ({label})" for value, label in enum.choices)
    raise ValueError(f"'{teks[:40]}' tidak dikenal; pilihan: {daftar}.")


def _baca(data: bytes):
    from openpyxl import load_workbook

    try:
        periksa_berkas(data)
    except WorkbookDitolak as exc:
        raise ImporDitolak([Masalah(None, None, None, exc.pesan)]) from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a damaged file: refused with a message, never a 500
        raise ImporDitolak(
            [Masalah(None, None, None, f"workbook tidak dapat dibaca ({type(exc).__name__}).")]
        ) from None


def impor_xlsx(opd: PerangkatDaerah, data: bytes, nama_berkas: str = "", user=None) -> HasilImpor:
    """Import the responses of a workbook, or raise ImporDitolak naming every problem found."""
    checksum = hashlib.sha256(data).hexdigest()
    sebelumnya = ImporSkm.objects.filter(opd=opd, checksum=checksum).first()
    book = _baca(data)
    try:
        if LEMBAR not in book.sheetnames:
            raise ImporDitolak(
                [
                    Masalah(
                        LEMBAR,
                        None,
                        None,
                        f"sheet '{LEMBAR}' tidak ada (sheet berkas: {', '.join(book.sheetnames)}).",
                    )
                ]
            )
        ws = book[LEMBAR]
        ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True, max_col=len(WAJIB) + len(OPSIONAL) + 20)
        kepala = [_teks(h).lower() for h in next(rows, ())]
        masalah: list[Masalah] = []
        for i, nama in enumerate(kepala):
            if nama and nama not in WAJIB and nama not in OPSIONAL:
                masalah.append(Masalah(LEMBAR, 1, nama, "kolom tidak dikenal (periksa ejaannya)."))
            if nama and kepala.index(nama) != i:
                masalah.append(Masalah(LEMBAR, 1, nama, "judul kolom muncul dua kali."))
        hilang = [k for k in WAJIB if k not in kepala]
        if hilang:
            masalah.append(
                Masalah(
                    LEMBAR,
                    1,
                    None,
                    f"kolom wajib tidak ada: {', '.join(_judul(h) for h in hilang)}.",
                )
            )
        if masalah:
            raise ImporDitolak(masalah)
        punya_id = "id" in kepala
        if sebelumnya and not punya_id:
            raise ImporDitolak(
                [
                    Masalah(
                        LEMBAR,
                        None,
                        None,
                        f"berkas yang sama persis sudah diimpor pada "
                        f"{format_tanggal(sebelumnya.waktu.date())} ({sebelumnya.jumlah} jawaban); "
                        "impor kedua ditolak agar jawaban tidak tercatat dua kali. Bila berkas "
                        "memang berisi jawaban baru, beri kolom id untuk setiap responden.",
                    )
                ]
            )
        baris_baru = _periksa_baris(opd, kepala, rows, masalah)
    finally:
        book.close()
    if masalah:
        raise ImporDitolak(masalah)
    return _simpan(opd, baris_baru, checksum, nama_berkas, sebelumnya, user)


def _periksa_baris(opd, kepala, rows, masalah: list[Masalah]) -> list[dict]:
    periode = list(PeriodeSurvei.objects.filter(opd=opd))
    terkunci = tahun_terkunci(opd)
    # An id already imported, or LKIP-<pk> of a response this agency holds (what the export writes
    # for online responses): an exported file imported again adds nothing.
    ada_id = {
        id_impor or f"LKIP-{pk}"
        for pk, id_impor in Responden.objects.filter(opd=opd).values_list("pk", "id_impor")
    }
    id_berkas: dict[str, int] = {}
    out = []
    for nomor, nilai in enumerate(rows, start=2):
        sel = dict(zip(kepala, nilai, strict=False))
        if all(_teks(v) == "" for v in sel.values()):
            continue
        if nomor - 1 > BATAS_BARIS:
            masalah.append(
                Masalah(LEMBAR, nomor, None, f"lebih dari {BATAS_BARIS} baris; pecah berkasnya.")
            )
            break
        if len(masalah) >= BATAS_MASALAH:
            masalah.append(
                Masalah(None, None, None, "terlalu banyak kesalahan; perbaiki yang di atas dulu.")
            )
            break
        baris = {"nomor": nomor}
        for kolom, batas in PANJANG.items():
            teks = _teks(sel.get(kolom))
            if len(teks) > batas:
                masalah.append(Masalah(LEMBAR, nomor, kolom, f"paling panjang {batas} karakter."))
            baris[kolom] = teks[:batas]
        if not baris["unit_layanan"]:
            masalah.append(Masalah(LEMBAR, nomor, "unit_layanan", "wajib diisi."))
        try:
            baris["tanggal"] = _tanggal(sel.get("tanggal"))
        except ValueError as exc:
            masalah.append(Masalah(LEMBAR, nomor, "tanggal", str(exc)))
        else:
            cocok = [p for p in periode if p.memuat(baris["tanggal"])]
            if not cocok:
                masalah.append(
                    Masalah(
                        LEMBAR,
                        nomor,
                        "tanggal",
                        f"tidak ada periode survei yang memuat {format_tanggal(baris['tanggal'])}; "
                        "buat periodenya dulu di Periode survei (SKM).",
                    )
                )
            elif cocok[0].tahun in terkunci:
                masalah.append(Masalah(LEMBAR, nomor, "tanggal", terkunci[cocok[0].tahun]))
            else:
                baris["periode"] = cocok[0]
        for kode, kolom in KOLOM_UNSUR.items():
            try:
                baris[kolom] = _jawaban(sel.get(kolom))
            except ValueError as exc:
                masalah.append(Masalah(LEMBAR, nomor, kode, str(exc)))
        if all(baris.get(k) is None for k in KOLOM_UNSUR.values()) and not any(
            m.baris == nomor and m.kolom in KOLOM_UNSUR for m in masalah
        ):
            masalah.append(Masalah(LEMBAR, nomor, None, "baris tanpa jawaban U1–U9 sama sekali."))
        for kolom in PILIHAN:
            try:
                baris[kolom] = _pilihan(kolom, sel.get(kolom))
            except ValueError as exc:
                masalah.append(Masalah(LEMBAR, nomor, kolom, str(exc)))
        if baris["id"]:
            if baris["id"] in id_berkas:
                masalah.append(
                    Masalah(
                        LEMBAR,
                        nomor,
                        "id",
                        f"id '{baris['id']}' sudah dipakai di baris {id_berkas[baris['id']]}.",
                    )
                )
            id_berkas[baris["id"]] = nomor
            if baris["id"] in ada_id:
                baris["lewati"] = True
        out.append(baris)
    return out


@transaction.atomic
def _simpan(opd, baris_baru, checksum, nama_berkas, sebelumnya, user) -> HasilImpor:
    baru = [b for b in baris_baru if not b.get("lewati")]
    unit = {u.nama.lower(): u for u in UnitLayanan.objects.filter(opd=opd)}
    unit_baru = []
    for b in baru:
        kunci = b["unit_layanan"].lower()
        if kunci not in unit:
            unit[kunci] = UnitLayanan.objects.create(opd=opd, nama=b["unit_layanan"])
            unit_baru.append(b["unit_layanan"])
    impor = sebelumnya or ImporSkm.objects.create(
        opd=opd, checksum=checksum, nama_berkas=nama_berkas[:255], jumlah=len(baru), oleh=user
    )
    Responden.objects.bulk_create(
        [
            Responden(
                opd=opd,
                unit_layanan=unit[b["unit_layanan"].lower()],
                periode=b["periode"],
                tanggal=b["tanggal"],
                sumber=Sumber.KERTAS,
                id_impor=b["id"],
                impor=impor,
                layanan=b["layanan"],
                komentar=b["komentar"],
                **{k: b[k] for k in KOLOM_UNSUR.values()},
                **{k: b[k] for k in PILIHAN},
            )
            for b in baru
        ],
        batch_size=2000,
    )
    return HasilImpor(len(baru), len(baris_baru) - len(baru), unit_baru)
