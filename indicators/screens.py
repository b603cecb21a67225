"""Indicator screens: IKU and program/kegiatan indicators, AKIP evaluation results, IKM."""

import django_tables2 as tables

from budget.models import Nomenklatur
from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip.crud import Layar, ScopedForm, register
from lkip.forms import AngkaField
from lkip.kunci import tahun_terkunci
from lkip.tables import AngkaColumn, ScopedTable


class IndikatorForm(ScopedForm):
    kunci_struktur = True

    @classmethod
    def alasan_hapus_terkunci(cls, opd, obj) -> list[str]:
        """Deleting an indicator deletes its targets, realisations and budget links: not those of a
        locked year."""
        locked = tahun_terkunci(opd)
        years = set()
        for related in (
            obj.target_set,
            obj.realisasi_set,
            obj.anggaran_set,
        ):  # budget lines: its links
            years |= set(related.filter(tahun__in=locked).values_list("tahun", flat=True))
        return [locked[tahun] for tahun in sorted(years)]

    def clean(self):
        data = super().clean()
        if (
            self.instance.pk and "sasaran" in self.changed_data
        ):  # the signed year's report reads it there
            for message in self.alasan_hapus_terkunci(self.opd, self.instance):
                self.add_error("sasaran", f"Sasaran indikator ini tidak dapat dipindah. {message}")
        return data

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "tingkat",
            "sasaran",
            "nomenklatur",
            "uraian",
            "satuan",
            "jenis_nilai",
            "skala_predikat",
            "mode_predikat",
            "polaritas",
            "metode_negatif",
            "agregasi",
            "cap_persen",
            "rumus",
            "pembilang",
            "penyebut",
            "sumber_data",
            "alasan",
            "dasar_hukum",
            "urutan",
        ]

    def scope(self) -> None:
        self.fields["sasaran"].queryset = self.fields["sasaran"].queryset.filter(
            renstra__opd=self.opd
        )
        self.fields["nomenklatur"].queryset = Nomenklatur.objects.order_by("kode")


class EvaluasiAKIPForm(ScopedForm):
    bobot = AngkaField(label="Bobot", required=True)
    nilai = AngkaField(label="Nilai", required=True)

    class Meta:
        model = EvaluasiAKIP
        fields = ["tahun", "komponen", "bobot", "nilai", "nomor_lhe", "tanggal_lhe"]
        widgets = {"tanggal_lhe": __import__("django").forms.DateInput(attrs={"type": "date"})}


class HasilIKMForm(ScopedForm):
    nilai = AngkaField(label="Nilai IKM (konversi 25–100)", required=True)

    class Meta:
        model = HasilIKM
        fields = ["tahun", "nilai", "sumber"]


class IndikatorTable(ScopedTable):
    layar_slug = "indikator"

    class Meta:
        model = Indikator
        fields = ["kode", "tingkat", "uraian", "satuan", "jenis_nilai", "polaritas", "agregasi"]


class EvaluasiAKIPTable(ScopedTable):
    layar_slug = "evaluasi-akip"
    bobot = AngkaColumn()
    nilai = AngkaColumn(tempat=2)

    class Meta:
        model = EvaluasiAKIP
        fields = ["tahun", "komponen", "bobot", "nilai", "nomor_lhe", "tanggal_lhe"]


class HasilIKMTable(ScopedTable):
    layar_slug = "ikm"
    nilai = AngkaColumn(tempat=2)
    mutu = tables.Column(empty_values=(), orderable=False, verbose_name="Mutu pelayanan")

    class Meta:
        model = HasilIKM
        fields = ["tahun", "nilai", "mutu", "sumber"]

    def render_mutu(self, record):
        return f"{record.mutu.huruf} ({record.mutu.kinerja})"


register(
    Layar(
        "indikator",
        "Indikator kinerja",
        Indikator,
        IndikatorForm,
        IndikatorTable,
        lambda opd: Indikator.objects.filter(opd=opd).order_by("tingkat", "urutan", "kode"),
    )
)
register(
    Layar(
        "evaluasi-akip",
        "Evaluasi AKIP",
        EvaluasiAKIP,
        EvaluasiAKIPForm,
        EvaluasiAKIPTable,
        lambda opd: EvaluasiAKIP.objects.filter(opd=opd).order_by("-tahun", "urutan"),
    )
)
register(
    Layar(
        "ikm",
        "Hasil IKM",
        HasilIKM,
        HasilIKMForm,
        HasilIKMTable,
        lambda opd: HasilIKM.objects.filter(opd=opd).order_by("-tahun"),
    )
)
