"""Budget screens: budget lines (pagu, realisasi, links to indicators) and counted outputs."""

import django_tables2 as tables
from django import forms

from budget.models import Anggaran, CapaianOutput, Nomenklatur
from lkip import formulas
from lkip.crud import Layar, ScopedForm, register
from lkip.forms import AngkaField
from lkip.kunci import periode_tertutup_error
from lkip.tables import AngkaColumn, ScopedTable


class AnggaranForm(ScopedForm):
    pagu_murni = AngkaField(label="Pagu murni (APBD), Rp")
    pagu_perubahan = AngkaField(label="Pagu perubahan (APBD-P), Rp")
    realisasi = AngkaField(
        label="Realisasi, Rp",
        required=True,
        help_text=Anggaran._meta.get_field("realisasi").help_text,
    )
    realisasi_tw1 = AngkaField(label="Realisasi TW I, Rp")
    realisasi_tw2 = AngkaField(label="Realisasi TW II, Rp")
    realisasi_tw3 = AngkaField(label="Realisasi TW III, Rp")
    realisasi_tw4 = AngkaField(label="Realisasi TW IV, Rp")

    class Meta:
        model = Anggaran
        fields = [
            "nomenklatur",
            "tahun",
            "pagu_murni",
            "pagu_perubahan",
            "realisasi",
            "realisasi_tw1",
            "realisasi_tw2",
            "realisasi_tw3",
            "realisasi_tw4",
            "sumber_dana",
            "indikator",
        ]
        widgets = {"indikator": forms.CheckboxSelectMultiple}

    def scope(self) -> None:
        self.fields["nomenklatur"].queryset = Nomenklatur.objects.order_by("kode")
        self.fields["indikator"].queryset = (
            self.fields["indikator"].queryset.filter(opd=self.opd).order_by("tingkat", "kode")
        )
        self.fields["indikator"].error_messages["invalid_choice"] = (
            "Indikator %(value)s tidak ada atau bukan milik perangkat daerah Anda."
        )

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("tahun"):
            changed = [f for f in self.changed_data if f.startswith("realisasi")]
            message = periode_tertutup_error(self.opd, data["tahun"], 0, kunci=False)
            if changed and message:
                self.add_error(None, message)
        return data


class CapaianOutputForm(ScopedForm):
    target = AngkaField(label="Target", required=True)
    realisasi = AngkaField(label="Realisasi", required=True)

    class Meta:
        model = CapaianOutput
        fields = ["tahun", "nomenklatur", "uraian", "satuan", "target", "realisasi", "urutan"]

    def scope(self) -> None:
        self.fields["nomenklatur"].queryset = Nomenklatur.objects.order_by("kode")


class AnggaranTable(ScopedTable):
    layar_slug = "anggaran"
    kode = tables.Column(accessor="nomenklatur__kode", verbose_name="Kode")
    uraian = tables.Column(
        accessor="nomenklatur__nama", verbose_name="Uraian", attrs={"td": {"class": "uraian"}}
    )
    pagu_murni = AngkaColumn(tempat=0)
    pagu_perubahan = AngkaColumn(tempat=0)
    realisasi = AngkaColumn(tempat=0)
    serapan = tables.Column(
        empty_values=(),
        orderable=False,
        verbose_name="Serapan",
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )

    class Meta:
        model = Anggaran
        # program, kegiatan, sub-kegiatan: indented by the stylesheet
        row_attrs = {"class": lambda record: f"tingkat-{record.nomenklatur.tingkat}"}
        fields = [
            "kode",
            "uraian",
            "tahun",
            "pagu_murni",
            "pagu_perubahan",
            "realisasi",
            "serapan",
            "sumber_dana",
        ]

    def render_serapan(self, record):
        return formulas.format_persen(record.serapan) if record.serapan is not None else "—"

    def value_serapan(self, record):
        return formulas.bulatkan(record.serapan) if record.serapan is not None else None


class CapaianOutputTable(ScopedTable):
    layar_slug = "output"
    kode = tables.Column(accessor="nomenklatur__kode", verbose_name="Kode")
    target = AngkaColumn()
    realisasi = AngkaColumn()

    class Meta:
        model = CapaianOutput
        fields = ["tahun", "kode", "uraian", "satuan", "target", "realisasi"]


register(
    Layar(
        "anggaran",
        "Anggaran (pagu dan realisasi)",
        Anggaran,
        AnggaranForm,
        AnggaranTable,
        lambda opd: (
            Anggaran.objects.filter(opd=opd)
            .select_related("nomenklatur")
            .order_by("-tahun", "nomenklatur__kode")
        ),
    )
)
register(
    Layar(
        "output",
        "Capaian output",
        CapaianOutput,
        CapaianOutputForm,
        CapaianOutputTable,
        lambda opd: CapaianOutput.objects.filter(opd=opd).select_related("nomenklatur"),
    )
)
