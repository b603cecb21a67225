"""The nine questions with four answer labels each: the regulation's wording or the agency's."""

from __future__ import annotations

from dataclasses import dataclass

from lkip import formulas
from lkip.models import PerangkatDaerah
from skm.models import KOLOM_UNSUR, Unsur

#: The questionnaire of PermenPANRB 14/2017 (Lampiran), by unsur code (the order of UNSUR_IKM):
#: question, labels 1–4.
_KUESIONER: list[tuple[str, tuple[str, str, str, str]]] = [
    (
        "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    (
        "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    (
        "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    (
        "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam "
        "standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    (
        "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan "
        "keramahan?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    (
        "Bagaimana pendapat Anda tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    (
        "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
]
BAWAAN = dict(zip(formulas.UNSUR_IKM, _KUESIONER, strict=True))


@dataclass(frozen=True)
class Pertanyaan:
    kode: str
    nama: str
    pertanyaan: str
    label: tuple[str, str, str, str]

    @property
    def kolom(self) -> str:
        return KOLOM_UNSUR[self.kode]

    @property
    def pilihan(self) -> list[tuple[int, str]]:
        return list(enumerate(self.label, start=1))


def daftar_pertanyaan(opd: PerangkatDaerah) -> list[Pertanyaan]:
    """The nine questions in code order: the agency's wording where it has one (one query)."""
    sendiri = {u.kode: u for u in Unsur.objects.filter(opd=opd)}
    out = []
    for kode, nama in formulas.UNSUR_IKM.items():
        teks, label = BAWAAN[kode]
        u = sendiri.get(kode)
        if u is not None:  # each blank field keeps the regulation's wording
            teks = u.pertanyaan or teks
            label = tuple(a or b for a, b in zip(u.label, label, strict=True))
        out.append(Pertanyaan(kode, nama, teks, label))
    return out
