"""Every derived number of LKIP, on Decimal, with no Django imports.

Capaian, serapan, efisiensi, AKIP and IKM categories, aggregation, Indonesian parsing and
formatting. Results are unrounded; round half-up only for display (``bulatkan``, ``format_*``).
Categories (predicate, band, mutu, trend, efficiency qualifier) are judged on the value as
displayed (half-up to 2 dp) so that a printed number never contradicts its label.
"""

from ._dasar import bulatkan
from .akip import (
    BOBOT_AKIP,
    INTERPRETASI_AKIP,
    PERINGKAT_PREDIKAT,
    PREDIKAT_AKIP,
    TABEL_PREDIKAT_AKIP,
    BarisPredikatAKIP,
    nilai_akip,
    normalisasi_predikat,
    predikat_akip,
)
from .anggaran import (
    RUMUS_EFISIENSI,
    KualifikasiEfisiensi,
    VarianEfisiensi,
    efisiensi,
    kualifikasi_efisiensi,
    pagu_berlaku,
    serapan,
    sisa_anggaran,
)
from .ikm import (
    PENIMBANG_LAMA,
    TABEL_MUTU_IKM,
    UNSUR_IKM,
    BarisMutuIKM,
    HasilIKM,
    MutuIKM,
    hitung_ikm,
    mutu_ikm,
)
from .kinerja import (
    Agregasi,
    BandCapaian,
    MetodeNegatif,
    ModePredikat,
    Polaritas,
    Tren,
    agregasi_tahunan,
    band_capaian,
    capaian,
    capaian_dibatasi,
    capaian_predikat,
    persen,
    tren,
)
from .kode import TingkatKode, kode_induk, normalisasi_kode, tingkat_kode
from .masukan import NIP, format_nip, parse_angka, parse_nip
from .tampilan import (
    NAMA_BULAN,
    format_angka,
    format_persen,
    format_rupiah,
    format_tanggal,
    terbilang,
    terbilang_rupiah,
)

__all__ = [
    "BOBOT_AKIP",
    "INTERPRETASI_AKIP",
    "NAMA_BULAN",
    "NIP",
    "PENIMBANG_LAMA",
    "PERINGKAT_PREDIKAT",
    "PREDIKAT_AKIP",
    "RUMUS_EFISIENSI",
    "TABEL_MUTU_IKM",
    "TABEL_PREDIKAT_AKIP",
    "UNSUR_IKM",
    "Agregasi",
    "BandCapaian",
    "BarisMutuIKM",
    "BarisPredikatAKIP",
    "HasilIKM",
    "KualifikasiEfisiensi",
    "MetodeNegatif",
    "ModePredikat",
    "MutuIKM",
    "Polaritas",
    "TingkatKode",
    "Tren",
    "VarianEfisiensi",
    "agregasi_tahunan",
    "band_capaian",
    "bulatkan",
    "capaian",
    "capaian_dibatasi",
    "capaian_predikat",
    "efisiensi",
    "format_angka",
    "format_nip",
    "format_persen",
    "format_rupiah",
    "format_tanggal",
    "hitung_ikm",
    "kode_induk",
    "kualifikasi_efisiensi",
    "mutu_ikm",
    "nilai_akip",
    "normalisasi_kode",
    "normalisasi_predikat",
    "pagu_berlaku",
    "parse_angka",
    "parse_nip",
    "persen",
    "predikat_akip",
    "serapan",
    "sisa_anggaran",
    "terbilang",
    "terbilang_rupiah",
    "tingkat_kode",
    "tren",
]
