"""The worksheet of one evaluation as rows and scores (selectors: reads only, constant queries).

The self-assessment and the evaluator's answers are scored separately by the same functions
(`lkip.formulas.lke`); only the evaluator's ("akhir") is the evaluation's result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from evaluasi.models import (
    Bukti,
    Evaluasi,
    Jawaban,
    Komponen,
    Kriteria,
    NilaiSubKomponen,
    SubKomponen,
)
from lkip.formulas import lke

MANDIRI, AKHIR = "mandiri", "akhir"


@dataclass
class Baris:
    kriteria: Kriteria
    jawaban: Jawaban | None
    tipe: str
    bukti: list[Bukti] = field(default_factory=list)

    @property
    def mandiri(self) -> str:
        return self.jawaban.jawaban_mandiri if self.jawaban else ""

    @property
    def akhir(self) -> str:
        return self.jawaban.jawaban_akhir if self.jawaban else ""


@dataclass
class Sub:
    sub: SubKomponen
    baris: list[Baris]
    nilai: dict[str, lke.NilaiSub]
    kualifikasi: dict[str, int]
    #: the evaluator's adjusted value and its reason, when it replaced the derived one
    penyesuaian: tuple[Decimal, str] | None = None

    @property
    def slug(self) -> str:
        return self.sub.kode.replace(".", "")


@dataclass
class KomponenSkor:
    komponen: Komponen
    sub: list[Sub]

    def nilai(self, jenis: str) -> Decimal:
        return lke.jumlah(s.nilai[jenis].nilai for s in self.sub)

    @property
    def nilai_mandiri(self) -> Decimal:
        return self.nilai(MANDIRI)

    @property
    def nilai_akhir(self) -> Decimal:
        return self.nilai(AKHIR)

    @property
    def persen_akhir(self) -> Decimal | None:
        return lke.persen_dari_bobot(self.nilai_akhir, self.komponen.bobot)


@dataclass
class LembarSkor:
    evaluasi: Evaluasi
    komponen: list[KomponenSkor]

    def total(self, jenis: str) -> Decimal:
        return lke.jumlah(k.nilai(jenis) for k in self.komponen)

    @property
    def total_mandiri(self) -> Decimal:
        return self.total(MANDIRI)

    @property
    def total_akhir(self) -> Decimal:
        return self.total(AKHIR)

    @property
    def predikat_mandiri(self) -> str:
        return lke.predikat_lke(self.total_mandiri)

    @property
    def predikat_akhir(self) -> str:
        return lke.predikat_lke(self.total_akhir)

    @property
    def subs(self) -> list[Sub]:
        return [s for k in self.komponen for s in k.sub]

    def sub_dengan_slug(self, slug: str) -> Sub | None:
        return next((s for s in self.subs if s.slug == slug), None)

    @property
    def terisi_mandiri(self) -> int:
        return sum(1 for s in self.subs for b in s.baris if b.mandiri)

    @property
    def terisi_akhir(self) -> int:
        return sum(1 for s in self.subs for b in s.baris if b.akhir)

    @property
    def jumlah_kriteria(self) -> int:
        return sum(len(s.baris) for s in self.subs)

    def belum_dijawab(self, jenis: str) -> list[tuple[str, int]]:
        """(sub-component code, criteria without an answer of that side), in worksheet order."""
        hasil = []
        for s in self.subs:
            n = sum(1 for b in s.baris if not (b.mandiri if jenis == MANDIRI else b.akhir))
            if n:
                hasil.append((s.sub.kode, n))
        return hasil


def _nilai_sub(model: str, sub: SubKomponen, baris: list[Baris], jenis: str, kual: int):
    jawaban = [b.mandiri if jenis == MANDIRI else b.akhir for b in baris]
    if model == lke.ModelPenilaian.SUBKOMPONEN:
        return lke.nilai_sub_grade(sub.bobot, jawaban, len(baris), kual)
    return lke.nilai_sub_rata_rata(
        sub.bobot, [(j, b.tipe) for j, b in zip(jawaban, baris, strict=True)], len(baris)
    )


def lembar_skor(evaluasi: Evaluasi) -> LembarSkor:
    """Every active criterion with both answers and its evidence, and both sets of scores.

    Five queries whatever the size of the worksheet: components, sub-components, criteria,
    answers, evidence (plus the qualifiers).
    """
    lembar = evaluasi.lembar
    komponen = list(Komponen.objects.filter(lembar=lembar))
    subs = list(SubKomponen.objects.filter(komponen__lembar=lembar))
    kriteria = list(Kriteria.objects.filter(sub__komponen__lembar=lembar, aktif=True))
    jawaban = {j.kriteria_id: j for j in Jawaban.objects.filter(evaluasi=evaluasi)}
    bukti: dict[int, list[Bukti]] = {}
    for b in Bukti.objects.filter(jawaban__evaluasi=evaluasi).select_related("jawaban"):
        bukti.setdefault(b.jawaban.kriteria_id, []).append(b)
    kual = {n.sub_id: n for n in NilaiSubKomponen.objects.filter(evaluasi=evaluasi)}
    per_sub: dict[int, list[Baris]] = {}
    for k in kriteria:
        per_sub.setdefault(k.sub_id, []).append(
            Baris(k, jawaban.get(k.pk), lke.tipe_efektif(lembar.model, k.tipe), bukti.get(k.pk, []))
        )
    hasil = []
    for kom in komponen:
        daftar = []
        for s in (s for s in subs if s.komponen_id == kom.pk):
            baris = per_sub.get(s.pk, [])
            n = kual.get(s.pk)
            kualifikasi = {
                MANDIRI: n.kualifikasi_mandiri if n else 0,
                AKHIR: n.kualifikasi_akhir if n else 0,
            }
            nilai = {
                j: _nilai_sub(lembar.model, s, baris, j, kualifikasi[j]) for j in (MANDIRI, AKHIR)
            }
            penyesuaian = None
            if n is not None and n.nilai_penyesuaian is not None:
                penyesuaian = (n.nilai_penyesuaian, n.alasan_penyesuaian)
                nilai[AKHIR] = lke.NilaiSub(s.bobot, n.nilai_penyesuaian, "disesuaikan")
            daftar.append(Sub(s, baris, nilai, kualifikasi, penyesuaian))
        hasil.append(KomponenSkor(kom, daftar))
    return LembarSkor(evaluasi, hasil)
