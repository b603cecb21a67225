"""Indeks Kepuasan Masyarakat from SKM responses (PermenPANRB 14/2017, spec §5)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ._dasar import bagi, bulatkan, ke_decimal

#: The 9 unsur, keyed by code. Questionnaires often swap U8 and U9: map answers by code.
UNSUR_IKM: dict[str, str] = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme, dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}

#: The weight as the regulation prints it (0,11 × 9 = 0,99: understates IKM by 1%).
PENIMBANG_LAMA = Decimal("0.11")

_FAKTOR_KONVERSI = Decimal(25)


@dataclass(frozen=True)
class HasilIKM:
    """Result of an SKM: NRR per unsur, IKM on the 1–4 scale and converted to 25–100."""

    nrr: dict[str, Decimal]
    ikm: Decimal
    konversi: Decimal
    jumlah_responden: int
    responden_per_unsur: dict[str, int]
    penimbang: Decimal | None = None  # None = exact weight 1/9

    @property
    def keterangan_penimbang(self) -> str:
        """Which weight was used, for the note under the table."""
        if self.penimbang is None:
            return "penimbang 1/9 (eksak)"
        return f"penimbang {str(self.penimbang).replace('.', ',')} (pembulatan lama)"


@dataclass(frozen=True)
class MutuIKM:
    """Service quality category of an IKM value."""

    huruf: str
    kinerja: str
    nilai_persepsi: int


@dataclass(frozen=True)
class BarisMutuIKM:
    """One row of Tabel Kategori Mutu Pelayanan, for printing."""

    nilai_persepsi: int
    interval_ikm: str
    interval_konversi: str
    mutu: str
    kinerja: str


#: The official table (spec §5.3 = seed Tabel 3.3), including its gaps, as printed.
TABEL_MUTU_IKM: tuple[BarisMutuIKM, ...] = (
    BarisMutuIKM(1, "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"),
    BarisMutuIKM(2, "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"),
    BarisMutuIKM(3, "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"),
    BarisMutuIKM(4, "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"),
)

# Lower bounds (inclusive) on the converted value rounded to 2 dp, best first.
_BATAS_MUTU: tuple[tuple[Decimal, BarisMutuIKM], ...] = (
    (Decimal("88.31"), TABEL_MUTU_IKM[3]),
    (Decimal("76.61"), TABEL_MUTU_IKM[2]),
    (Decimal("65.00"), TABEL_MUTU_IKM[1]),
    (Decimal("25.00"), TABEL_MUTU_IKM[0]),
)


def _jawaban_sah(nomor: int, kode: str, nilai: object) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not 1 <= nilai <= 4:
        raise ValueError(
            f"Jawaban responden ke-{nomor} untuk unsur {kode} ({nilai!r}) tidak sah: "
            "harus bilangan bulat 1–4."
        )
    return nilai


def hitung_ikm(
    jawaban: Iterable[Mapping[str, int | None]], *, penimbang: Decimal | None = None
) -> HasilIKM:
    """IKM from raw answers (one mapping U1…U9 → 1–4 or None per respondent); blanks are skipped."""
    jumlah = dict.fromkeys(UNSUR_IKM, 0)
    terisi = dict.fromkeys(UNSUR_IKM, 0)
    responden = 0
    for nomor, baris in enumerate(jawaban, start=1):
        menjawab = False
        for kode, nilai in baris.items():
            if kode not in UNSUR_IKM:
                raise ValueError(
                    f"Unsur '{kode}' pada responden ke-{nomor} tidak dikenal; gunakan U1–U9."
                )
            if nilai is None:  # a blank is "not answered", never 0
                continue
            jumlah[kode] += _jawaban_sah(nomor, kode, nilai)
            terisi[kode] += 1
            menjawab = True
        if menjawab:
            responden += 1
    kosong = [kode for kode, n in terisi.items() if n == 0]
    if kosong:
        raise ValueError(
            f"Unsur {', '.join(kosong)} tidak memiliki jawaban sama sekali; "
            "IKM tidak dapat dihitung."
        )
    nrr = {kode: bagi(Decimal(jumlah[kode]), Decimal(terisi[kode])) for kode in UNSUR_IKM}
    total_nrr = sum(nrr.values(), Decimal(0))
    if penimbang is None:
        # Exact weight 1/9: divide once instead of multiplying by a rounded 1/9.
        ikm = bagi(total_nrr, Decimal(len(UNSUR_IKM)))
    else:
        penimbang = ke_decimal(penimbang, "Penimbang")
        if not Decimal(0) < penimbang <= 1:
            raise ValueError(f"Penimbang {penimbang} harus lebih dari 0 dan paling besar 1.")
        ikm = total_nrr * penimbang
    return HasilIKM(
        nrr=nrr,
        ikm=ikm,
        konversi=ikm * _FAKTOR_KONVERSI,
        jumlah_responden=responden,
        responden_per_unsur=terisi,
        penimbang=penimbang,
    )


def mutu_ikm(nilai_konversi: Decimal | int) -> MutuIKM:
    """Mutu of a converted IKM (25–100): half-up to 2 dp, then A ≥ 88,31; B ≥ 76,61; C ≥ 65,00."""
    dibulatkan = bulatkan(nilai_konversi, 2)
    if not Decimal(25) <= dibulatkan <= Decimal(100):
        raise ValueError(f"Nilai IKM konversi {nilai_konversi} di luar rentang 25–100.")
    for batas, baris in _BATAS_MUTU:
        if dibulatkan >= batas:
            return MutuIKM(baris.mutu, baris.kinerja, baris.nilai_persepsi)
    raise AssertionError("tidak terjangkau")  # pragma: no cover - 25 is the last bound
