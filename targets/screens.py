"""Planning screens of the targets app: Renstra, tujuan, sasaran, targets and realisations."""

import django_tables2 as tables
from django import forms

from indicators.models import Indikator
from lkip.crud import Layar, ScopedForm, register
from lkip.forms import AngkaField, BuktiField
from lkip.kunci import periode_tertutup_error, tahun_terkunci
from lkip.tables import AngkaColumn, ScopedTable
from targets.models import JenisTarget, Periode, Realisasi, Renstra, Sasaran, Target, Tujuan


def periode_renstra_terkunci(
    opd, lama: Renstra | None, awal: int, akhir: int
) -> list[tuple[str, str]]:
    """(field, message) for each year with a submitted or signed LKIP that a Renstra period from
    `awal` to `akhir` (new, or changed from `lama`) would drop or newly take over: the report of
    that year would otherwise be read against another plan, or none."""
    out = []
    for tahun, message in sorted(tahun_terkunci(opd).items()):
        before = lama is not None and lama.memuat(tahun)
        after = awal <= tahun <= akhir
        if before and not after:
            out.append(
                (
                    "tahun_akhir" if tahun > akhir else "tahun_awal",
                    f"Periode Renstra harus tetap memuat tahun {tahun}. {message}",
                )
            )
        elif after and not before:
            out.append(
                (
                    "tahun_awal",
                    f"Periode Renstra ini tidak boleh memuat tahun {tahun}: LKIP tahun itu "
                    f"disusun menurut Renstra yang ada. {message}",
                )
            )
    return out


class RenstraForm(ScopedForm):
    kunci_struktur = True

    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir", "dasar"]

    def clean(self):
        data = super().clean()
        if data.get("tahun_awal") and data.get("tahun_akhir"):
            for field, message in periode_renstra_terkunci(
                self.opd,
                self.instance if self.instance.pk else None,
                data["tahun_awal"],
                data["tahun_akhir"],
            ):
                self.add_error(field, message)
        return data

    @classmethod
    def alasan_hapus_terkunci(cls, opd, obj) -> list[str]:
        return [
            message for tahun, message in sorted(tahun_terkunci(opd).items()) if obj.memuat(tahun)
        ]


class TujuanForm(ScopedForm):
    kunci_struktur = True

    class Meta:
        model = Tujuan
        fields = ["renstra", "kode", "uraian", "urutan"]

    def scope(self) -> None:
        self.fields["renstra"].queryset = Renstra.objects.filter(opd=self.opd)


class SasaranForm(ScopedForm):
    kunci_struktur = True

    class Meta:
        model = Sasaran
        fields = ["renstra", "tujuan", "kode", "uraian", "urutan"]

    def scope(self) -> None:
        self.fields["renstra"].queryset = Renstra.objects.filter(opd=self.opd)
        self.fields["tujuan"].queryset = Tujuan.objects.filter(renstra__opd=self.opd)


class TargetForm(ScopedForm):
    nilai = AngkaField(label="Nilai target")
    periode = forms.TypedChoiceField(
        choices=Periode.choices,
        coerce=int,
        error_messages={"invalid_choice": "Periode harus TAHUNAN atau triwulan 1–4."},
    )

    class Meta:
        model = Target
        fields = ["indikator", "tahun", "jenis", "periode", "nilai", "predikat"]

    def scope(self) -> None:
        self.fields["indikator"].queryset = Indikator.objects.filter(opd=self.opd)
        self.fields["indikator"].error_messages["invalid_choice"] = (
            "Indikator ini tidak ada atau bukan milik perangkat daerah Anda."
        )

    def clean(self):
        data = super().clean()
        renstra = Renstra.objects.filter(opd=self.opd).first()
        tahun = data.get("tahun")
        if (
            data.get("jenis") == JenisTarget.RENSTRA
            and renstra
            and tahun
            and not renstra.memuat(tahun)
        ):
            self.add_error(
                "tahun",
                (
                    f"Tahun {tahun} di luar periode Renstra "
                    f"{renstra.tahun_awal}–{renstra.tahun_akhir}."
                ),
            )
        return data


class RealisasiScreenForm(ScopedForm):
    nilai = AngkaField(label="Nilai realisasi")
    pembilang = AngkaField(label="Pembilang")
    penyebut = AngkaField(label="Penyebut")
    periode = forms.TypedChoiceField(
        choices=Periode.choices,
        coerce=int,
        error_messages={"invalid_choice": "Periode harus TAHUNAN atau triwulan 1–4."},
    )
    bukti = BuktiField(label="Berkas bukti (PDF, JPG atau PNG, paling besar 5 MB)")

    class Meta:
        model = Realisasi
        fields = [
            "indikator",
            "tahun",
            "periode",
            "nilai",
            "pembilang",
            "penyebut",
            "predikat",
            "faktor_pendukung",
            "faktor_penghambat",
            "upaya",
            "catatan",
            "bukti",
        ]

    def scope(self) -> None:
        self.fields["indikator"].queryset = Indikator.objects.filter(opd=self.opd)
        self.fields["indikator"].error_messages["invalid_choice"] = (
            "Indikator ini tidak ada atau bukan milik perangkat daerah Anda."
        )

    def clean(self):
        data = super().clean()
        if data.get("tahun") and data.get("periode") is not None:
            message = periode_tertutup_error(self.opd, data["tahun"], data["periode"], kunci=False)
            if message:
                self.add_error("periode", message)
        if self.instance.pk:
            message = periode_tertutup_error(
                self.opd, self.instance.tahun, self.instance.periode, kunci=False
            )
            if message:
                self.add_error(None, message)
        return data


class RenstraTable(ScopedTable):
    layar_slug = "renstra"

    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir", "dasar"]


class TujuanTable(ScopedTable):
    layar_slug = "tujuan"

    class Meta:
        model = Tujuan
        fields = ["kode", "uraian", "renstra"]


class SasaranTable(ScopedTable):
    layar_slug = "sasaran"

    class Meta:
        model = Sasaran
        fields = ["kode", "uraian", "tujuan"]


class TargetTable(ScopedTable):
    layar_slug = "target"
    indikator = tables.Column(accessor="indikator__kode", verbose_name="Indikator")
    nilai = AngkaColumn()

    class Meta:
        model = Target
        fields = ["indikator", "tahun", "jenis", "periode", "nilai", "predikat"]


class RealisasiTable(ScopedTable):
    layar_slug = "realisasi"
    indikator = tables.Column(accessor="indikator__kode", verbose_name="Indikator")
    nilai = AngkaColumn()
    pembilang = AngkaColumn()
    penyebut = AngkaColumn()
    bukti = tables.Column(verbose_name="Bukti", orderable=False)

    class Meta:
        model = Realisasi
        fields = [
            "indikator",
            "tahun",
            "periode",
            "nilai",
            "pembilang",
            "penyebut",
            "predikat",
            "bukti",
        ]

    def render_bukti(self, record):
        from django.urls import reverse
        from django.utils.html import format_html

        return format_html(
            '<a href="{}">unduh</a>', reverse("data:bukti", args=[self.opd.kode, record.pk])
        )

    def value_bukti(self, record):
        return record.bukti.name.rsplit("/", 1)[-1] if record.bukti else ""


register(
    Layar(
        "renstra",
        "Periode Renstra",
        Renstra,
        RenstraForm,
        RenstraTable,
        lambda opd: Renstra.objects.filter(opd=opd),
    )
)
register(
    Layar(
        "tujuan",
        "Tujuan",
        Tujuan,
        TujuanForm,
        TujuanTable,
        lambda opd: Tujuan.objects.filter(renstra__opd=opd).select_related("renstra"),
    )
)
register(
    Layar(
        "sasaran",
        "Sasaran",
        Sasaran,
        SasaranForm,
        SasaranTable,
        lambda opd: Sasaran.objects.filter(renstra__opd=opd).select_related("tujuan"),
    )
)
register(
    Layar(
        "target",
        "Target (Renstra dan Perjanjian Kinerja)",
        Target,
        TargetForm,
        TargetTable,
        lambda opd: (
            Target.objects.filter(indikator__opd=opd)
            .select_related("indikator")
            .order_by("indikator__kode", "tahun", "jenis", "periode")
        ),
    )
)
register(
    Layar(
        "realisasi",
        "Realisasi",
        Realisasi,
        RealisasiScreenForm,
        RealisasiTable,
        lambda opd: (
            Realisasi.objects.filter(indikator__opd=opd)
            .select_related("indikator")
            .order_by("indikator__kode", "tahun", "periode")
        ),
    )
)
