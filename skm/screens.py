"""Survey set-up screens (generic data screens): service units, periods, questions, settings."""

import django_tables2 as tables
from django import forms

from indicators.models import Indikator
from lkip import formulas
from lkip.crud import Layar, ScopedForm, register
from lkip.tables import ScopedTable
from skm.models import PengaturanSurvei, PeriodeSurvei, UnitLayanan, Unsur
from skm.unsur import BAWAAN


class UnitLayananForm(ScopedForm):
    class Meta:
        model = UnitLayanan
        fields = ["nama", "populasi", "aktif", "urutan"]


class PeriodeSurveiForm(ScopedForm):
    class Meta:
        model = PeriodeSurvei
        fields = ["tahun", "jenis", "ke", "terbuka"]


class UnsurForm(ScopedForm):
    kode = forms.ChoiceField(
        label="Kode unsur",
        choices=[(kode, f"{kode} {nama}") for kode, nama in formulas.UNSUR_IKM.items()],
    )

    class Meta:
        model = Unsur
        fields = ["kode", "pertanyaan", "label_1", "label_2", "label_3", "label_4"]

    def scope(self) -> None:
        kode = self.instance.kode or self.data.get("kode") or "U1"
        teks, label = BAWAAN.get(kode, BAWAAN["U1"])
        self.fields["pertanyaan"].widget.attrs["placeholder"] = teks
        for i, bawaan in enumerate(label, start=1):
            self.fields[f"label_{i}"].widget.attrs["placeholder"] = bawaan
            self.fields[f"label_{i}"].help_text = "Kosong: jawaban bawaan PermenPANRB 14/2017."


class PengaturanSurveiForm(ScopedForm):
    class Meta:
        model = PengaturanSurvei
        fields = [
            "indikator",
            "penimbang_lama",
            "tanya_umur",
            "tanya_jenis_kelamin",
            "tanya_pendidikan",
            "tanya_pekerjaan",
            "tanya_layanan",
        ]

    def scope(self) -> None:
        self.fields["indikator"].queryset = Indikator.objects.filter(opd=self.opd).order_by(
            "tingkat", "urutan", "kode"
        )


class UnitLayananTable(ScopedTable):
    layar_slug = "skm-unit"
    sampel = tables.Column(
        "Sampel minimum", accessor="sampel_minimum", orderable=False, default="—"
    )

    class Meta:
        model = UnitLayanan
        fields = ["nama", "populasi", "sampel", "aktif", "urutan"]


class PeriodeSurveiTable(ScopedTable):
    layar_slug = "skm-periode"
    nama = tables.Column("Periode", accessor="pk", orderable=False)

    class Meta:
        model = PeriodeSurvei
        fields = ["nama", "tahun", "jenis", "ke", "terbuka"]

    def render_nama(self, record):
        return str(record)


class UnsurTable(ScopedTable):
    layar_slug = "skm-unsur"

    class Meta:
        model = Unsur
        fields = ["kode", "pertanyaan", "label_1", "label_2", "label_3", "label_4"]


class PengaturanSurveiTable(ScopedTable):
    layar_slug = "skm-pengaturan"

    class Meta:
        model = PengaturanSurvei
        fields = [
            "indikator",
            "penimbang_lama",
            "tanya_umur",
            "tanya_jenis_kelamin",
            "tanya_pendidikan",
            "tanya_pekerjaan",
            "tanya_layanan",
        ]


register(
    Layar(
        "skm-unit",
        "Unit layanan (SKM)",
        UnitLayanan,
        UnitLayananForm,
        UnitLayananTable,
        lambda opd: UnitLayanan.objects.filter(opd=opd).order_by("urutan", "nama"),
        extra={"kelompok": "skm"},
        keterangan="Unit atau loket yang pengguna layanannya disurvei.",
    )
)
register(
    Layar(
        "skm-periode",
        "Periode survei (SKM)",
        PeriodeSurvei,
        PeriodeSurveiForm,
        PeriodeSurveiTable,
        lambda opd: PeriodeSurvei.objects.filter(opd=opd).order_by("-tahun", "jenis", "ke"),
        extra={"kelompok": "skm"},
        keterangan="Tahun, semester atau triwulan; periode tidak boleh tumpang tindih.",
    )
)
register(
    Layar(
        "skm-unsur",
        "Pertanyaan unsur (SKM)",
        Unsur,
        UnsurForm,
        UnsurTable,
        lambda opd: Unsur.objects.filter(opd=opd).order_by("kode"),
        extra={"kelompok": "skm"},
        keterangan="Kata-kata pertanyaan dan jawaban per kode unsur (U1–U9), bila tidak bawaan.",
    )
)
register(
    Layar(
        "skm-pengaturan",
        "Pengaturan survei (SKM)",
        PengaturanSurvei,
        PengaturanSurveiForm,
        PengaturanSurveiTable,
        lambda opd: PengaturanSurvei.objects.filter(opd=opd).select_related("indikator"),
        extra={"kelompok": "skm"},
        keterangan="Indikator IKM yang diisi dari survei, penimbang, isian responden opsional.",
    )
)
