"""Indeks Kepuasan Masyarakat from SKM responses (PermenPANRB 14/2017, spec §5)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ._dasar import KONTEKS, bagi, bulatkan, ke_decimal

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


@dataclass(frozen=True)
class JumlahJawaban:
    """Per unsur: the sum of the answers and how many respondents answered, and the respondents.

    What SQL aggregates (``Sum``/``Count`` per unsur column); pooling periods or service units is
    adding these (spec §5.5: pool the raw responses, never average the IKMs).
    """

    jumlah: Mapping[str, int] = field(default_factory=lambda: dict.fromkeys(UNSUR_IKM, 0))
    terisi: Mapping[str, int] = field(default_factory=lambda: dict.fromkeys(UNSUR_IKM, 0))
    responden: int = 0

    def __post_init__(self) -> None:
        for kode in UNSUR_IKM:
            s, n = self.jumlah.get(kode, 0), self.terisi.get(kode, 0)
            if n < 0 or not n <= s <= 4 * n:
                raise ValueError(
                    f"Jumlah jawaban unsur {kode} ({s}) tidak cocok dengan {n} responden "
                    "yang menjawab (setiap jawaban 1–4)."
                )
        if any(kode not in UNSUR_IKM for kode in (*self.jumlah, *self.terisi)):
            raise ValueError("Kode unsur tidak dikenal; gunakan U1–U9.")

    def __add__(self, lain: "JumlahJawaban") -> "JumlahJawaban":
        return JumlahJawaban(
            jumlah={k: self.jumlah.get(k, 0) + lain.jumlah.get(k, 0) for k in UNSUR_IKM},
            terisi={k: self.terisi.get(k, 0) + lain.terisi.get(k, 0) for k in UNSUR_IKM},
            responden=self.responden + lain.responden,
        )


def gabung_jumlah(bagian: Iterable[JumlahJawaban]) -> JumlahJawaban:
    """Pool several periods or service units (their raw answers together)."""
    hasil = JumlahJawaban()
    for item in bagian:
        hasil = hasil + item
    return hasil


def jumlah_jawaban(jawaban: Iterable[Mapping[str, int | None]]) -> JumlahJawaban:
    """Sums and counts from raw answers (one mapping U1…U9 → 1–4 or None per respondent)."""
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
    return JumlahJawaban(jumlah=jumlah, terisi=terisi, responden=responden)


def ikm_dari_jumlah(data: JumlahJawaban, *, penimbang: Decimal | None = None) -> HasilIKM:
    """IKM from per-unsur sums and counts: NRR = Σx / n answered, IKM = ΣNRR × penimbang."""
    kosong = [kode for kode in UNSUR_IKM if data.terisi.get(kode, 0) == 0]
    if kosong:
        raise ValueError(
            f"Unsur {', '.join(kosong)} tidak memiliki jawaban sama sekali; "
            "IKM tidak dapat dihitung."
        )
    nrr = {kode: bagi(Decimal(data.jumlah[kode]), Decimal(data.terisi[kode])) for kode in UNSUR_IKM}
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
        jumlah_responden=data.responden,
        responden_per_unsur=dict(data.terisi),
        penimbang=penimbang,
    )


def hitung_ikm(
    jawaban: Iterable[Mapping[str, int | None]], *, penimbang: Decimal | None = None
) -> HasilIKM:
    """IKM from raw answers (one mapping U1…U9 → 1–4 or None per respondent); blanks are skipped."""
    return ikm_dari_jumlah(jumlah_jawaban(jawaban), penimbang=penimbang)


def unsur_terlemah(hasil: HasilIKM) -> tuple[str, Decimal]:
    """The unsur with the lowest NRR (the first by code on a tie), to name what to improve."""
    kode = min(UNSUR_IKM, key=lambda k: (hasil.nrr[k], list(UNSUR_IKM).index(k)))
    return kode, hasil.nrr[kode]


def konversi_ikm(nilai: Decimal) -> Decimal:
    """A value on the 1–4 scale (IKM or one unsur's NRR) converted to 25–100 (× 25)."""
    return ke_decimal(nilai, "Nilai") * _FAKTOR_KONVERSI


def mutu_nrr(nrr: Decimal) -> "MutuIKM":
    """Mutu of one unsur's NRR (1–4): the same thresholds on NRR × 25 (spec §5.3)."""
    return mutu_ikm(ke_decimal(nrr, "NRR") * _FAKTOR_KONVERSI)


#: Krejcie & Morgan (1970): chi-square for 1 degree of freedom at 95%, P = 0,5, error 5%.
_KM_CHI2 = Decimal("3.841")
_KM_P = Decimal("0.5")
_KM_D = Decimal("0.05")

#: How the minimum sample is determined, for the note on the results screen.
RUMUS_SAMPEL = (
    "Sampel minimum menurut rumus Krejcie dan Morgan (1970), s = X²·N·P(1−P) / (d²(N−1) + "
    "X²·P(1−P)) dengan X² = 3,841, P = 0,5, d = 0,05, dibulatkan ke bilangan bulat terdekat; "
    "hasilnya sama dengan tabel Krejcie dan Morgan pada Lampiran PermenPANRB Nomor 14 Tahun 2017 "
    "(mis. populasi 100 → 80, 1.000 → 278, 1.000.000 → 384)."
)


def sampel_minimum(populasi: int) -> int:
    """Minimum number of respondents for a population of service users (Krejcie-Morgan table)."""
    if isinstance(populasi, bool) or not isinstance(populasi, int) or populasi < 1:
        raise ValueError(f"Populasi {populasi!r} harus bilangan bulat ≥ 1.")
    n = Decimal(populasi)
    varians = _KM_P * (1 - _KM_P)
    s = KONTEKS.divide(_KM_CHI2 * n * varians, _KM_D * _KM_D * (n - 1) + _KM_CHI2 * varians)
    return min(populasi, int(s.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def mutu_ikm(nilai_konversi: Decimal | int) -> MutuIKM:
    """Mutu of a converted IKM (25–100): half-up to 2 dp, then A ≥ 88,31; B ≥ 76,61; C ≥ 65,00."""
    dibulatkan = bulatkan(nilai_konversi, 2)
    if not Decimal(25) <= dibulatkan <= Decimal(100):
        raise ValueError(f"Nilai IKM konversi {nilai_konversi} di luar rentang 25–100.")
    for batas, baris in _BATAS_MUTU:
        if dibulatkan >= batas:
            return MutuIKM(baris.mutu, baris.kinerja, baris.nilai_persepsi)
    raise AssertionError("tidak terjangkau")  # pragma: no cover - 25 is the last bound
