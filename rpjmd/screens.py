"""The pemda-level data screens: a list per kind of record (read by the Admin Pemda, the
Inspektorat and the Kepala Daerah) and its edit form (the Admin Pemda's), scoped to the user's
pemda. A year whose pemda LKIP is submitted or signed can only be read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from lkip import formulas
from lkip.forms import AngkaField
from lkip.models import Pemda
from reports.models import STATUS_TERKUNCI, LaporanTahunan, pesan_terkunci
from rpjmd.models import (
    AnggaranPerangkatDaerah,
    IndikatorPemda,
    Pembiayaan,
    RealisasiPemda,
    Rpjmd,
    SasaranPemda,
    TargetPemda,
    TautanSasaran,
    TujuanPemda,
    luar_periode,
)


def _angka(v) -> str:
    if v is None:
        return ""
    return formulas.format_angka(v, formulas.tempat_nilai(formulas.bulatkan(v)))


class _PemdaForm(forms.ModelForm):
    def __init__(self, *args, pemda: Pemda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        self.scope()

    def scope(self) -> None:
        pass

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors:
            return
        # The constraints over the fields the form sets itself (pemda, rpjmd), which the
        # ModelForm leaves out: a duplicate is a message on the form, never an IntegrityError.
        try:
            self.instance.validate_constraints()
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    if error.code == "unique_together":  # Django's Indonesian says "tidak ada"
                        p = error.params
                        error = ValidationError(
                            f"{capfirst(p['model_name'])} dengan {p['field_labels']} yang sama "
                            "sudah ada."
                        )
                    self.add_error(field if field in self.fields else None, error)


def periksa_tahun(
    form: forms.ModelForm, rpjmds: list[Rpjmd], *, kondisi_awal: bool = False
) -> None:
    """A year outside the RPJMD period: a message on the year's field naming the period."""
    tahun = form.cleaned_data.get("tahun")
    if tahun is not None and (pesan := luar_periode(tahun, rpjmds, kondisi_awal=kondisi_awal)):
        form.add_error("tahun", capfirst(pesan))


class RpjmdForm(_PemdaForm):
    class Meta:
        model = Rpjmd
        fields = ["tahun_awal", "tahun_akhir", "dasar"]

    def scope(self) -> None:
        self.instance.pemda = self.pemda


class TujuanPemdaForm(_PemdaForm):
    class Meta:
        model = TujuanPemda
        fields = ["rpjmd", "kode", "uraian", "urutan"]

    def scope(self) -> None:
        self.fields["rpjmd"].queryset = Rpjmd.objects.filter(pemda=self.pemda)


class SasaranPemdaForm(_PemdaForm):
    class Meta:
        model = SasaranPemda
        fields = ["tujuan", "kode", "uraian", "urutan"]

    def scope(self) -> None:
        self.fields["tujuan"].queryset = TujuanPemda.objects.filter(rpjmd__pemda=self.pemda)

    def clean(self):
        data = super().clean()
        if data.get("tujuan"):
            self.instance.rpjmd = data["tujuan"].rpjmd
        return data


class IndikatorPemdaForm(_PemdaForm):
    class Meta:
        model = IndikatorPemda
        fields = [
            "sasaran",
            "kode",
            "uraian",
            "jenis_nilai",
            "satuan",
            "polaritas",
            "metode_negatif",
            "acuan_rentang",
            "rumus",
            "sumber_data",
        ]

    def scope(self) -> None:
        self.fields["sasaran"].queryset = SasaranPemda.objects.filter(rpjmd__pemda=self.pemda)

    def clean(self):
        data = super().clean()
        if data.get("sasaran"):
            self.instance.rpjmd = data["sasaran"].rpjmd
        return data


class TargetPemdaForm(_PemdaForm):
    nilai = AngkaField(label="Nilai target tunggal", required=False)
    nilai_bawah = AngkaField(label="Batas bawah rentang", required=False)
    nilai_atas = AngkaField(label="Batas atas rentang", required=False)

    class Meta:
        model = TargetPemda
        fields = ["indikator", "tahun", "jenis", "nilai", "nilai_bawah", "nilai_atas", "predikat"]

    def scope(self) -> None:
        self.fields["indikator"].queryset = IndikatorPemda.objects.filter(rpjmd__pemda=self.pemda)

    def clean(self):
        data = super().clean()
        if data.get("indikator"):
            periksa_tahun(self, [data["indikator"].rpjmd])
        return data


class RealisasiPemdaForm(_PemdaForm):
    nilai = AngkaField(label="Nilai realisasi", required=False)

    class Meta:
        model = RealisasiPemda
        fields = [
            "indikator",
            "tahun",
            "tersedia",
            "nilai",
            "predikat",
            "faktor_pendukung",
            "faktor_penghambat",
            "upaya",
            "catatan",
        ]

    def scope(self) -> None:
        self.fields["indikator"].queryset = IndikatorPemda.objects.filter(rpjmd__pemda=self.pemda)

    def clean(self):
        data = super().clean()
        if data.get("indikator"):
            periksa_tahun(self, [data["indikator"].rpjmd], kondisi_awal=True)
        if data.get("tersedia") is False and data.get("nilai") is not None:
            self.add_error(
                "nilai", "Realisasi yang belum tersedia (NA) tidak berisi nilai; kosongkan nilai."
            )
        return data


class AnggaranOpdForm(_PemdaForm):
    pagu = AngkaField(label="Pagu (APBD-P)")
    realisasi = AngkaField(label="Realisasi")

    class Meta:
        model = AnggaranPerangkatDaerah
        fields = ["tahun", "perangkat_daerah", "opd", "pagu", "realisasi"]

    def scope(self) -> None:
        self.fields["opd"].queryset = self.pemda.opd_set.all()
        self.instance.pemda = self.pemda

    def clean(self):
        data = super().clean()
        periksa_tahun(self, list(Rpjmd.objects.filter(pemda=self.pemda).order_by("tahun_awal")))
        if not self.instance.pk and data.get("tahun"):
            self.instance.urutan = urutan_berikut(
                AnggaranPerangkatDaerah.objects.filter(pemda=self.pemda, tahun=data["tahun"])
            )
        return data


def urutan_berikut(qs: models.QuerySet) -> int:
    """A new row's `urutan`: after the rows of its year (as the workbook numbers them), so it is
    listed and exported last, not first with 0."""
    return (qs.aggregate(m=models.Max("urutan"))["m"] or 0) + 1


class PembiayaanForm(_PemdaForm):
    anggaran = AngkaField(label="Anggaran")
    realisasi = AngkaField(label="Realisasi")

    class Meta:
        model = Pembiayaan
        fields = ["tahun", "jenis", "uraian", "anggaran", "realisasi"]

    def scope(self) -> None:
        self.instance.pemda = self.pemda

    def clean(self):
        data = super().clean()
        periksa_tahun(self, list(Rpjmd.objects.filter(pemda=self.pemda).order_by("tahun_awal")))
        if not self.instance.pk and data.get("tahun") and data.get("jenis"):
            self.instance.urutan = urutan_berikut(
                Pembiayaan.objects.filter(
                    pemda=self.pemda, tahun=data["tahun"], jenis=data["jenis"]
                )
            )
        return data


class TautanSasaranForm(_PemdaForm):
    class Meta:
        model = TautanSasaran
        fields = ["indikator", "sasaran"]

    def scope(self) -> None:
        from indicators.models import Indikator, Tingkat

        self.fields["indikator"].queryset = (
            Indikator.objects.filter(opd__pemda=self.pemda, tingkat=Tingkat.IKU)
            .select_related("opd")
            .order_by("opd__nama", "kode")
        )
        self.fields["indikator"].label_from_instance = lambda i: f"{i.opd.nama}: {i}"
        self.fields["sasaran"].queryset = SasaranPemda.objects.filter(rpjmd__pemda=self.pemda)


KOLOM_ANGKA = frozenset({"Tahun", "Target", "Realisasi", "Serapan"})
KOLOM_URAIAN = frozenset(
    {
        "Tujuan",
        "Sasaran",
        "Sasaran RPJMD",
        "Indikator",
        "IKU perangkat daerah",
        "Uraian",
        "Perangkat daerah",
    }
)


@dataclass(frozen=True)
class LayarPemda:
    slug: str
    judul: str
    nama: str  # the record, as in "Tambah target IKU kepala daerah"
    model: type[models.Model]
    form: type[_PemdaForm] | None
    kolom: tuple[tuple[str, Callable], ...]
    queryset: Callable[[Pemda], models.QuerySet]
    tahun: Callable[[models.Model], int | None] = lambda obj: None

    def kelas(self, label: str) -> str:
        """A column's CSS class, as the agency's lists have them (lkip/tables.py): amounts and
        years right-aligned, long descriptions kept readable on a phone."""
        if label.endswith("(Rp)") or label in KOLOM_ANGKA:
            return "num"
        if label == "Kode":
            return "kode"  # IKU-1 stays on one line
        return "uraian" if label in KOLOM_URAIAN else ""

    @property
    def app_model(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"


LAYAR: dict[str, LayarPemda] = {
    layar.slug: layar
    for layar in (
        LayarPemda(
            "rpjmd",
            "Periode RPJMD",
            "periode RPJMD",
            Rpjmd,
            RpjmdForm,
            (
                ("Periode", lambda o: f"{o.tahun_awal}\u2013{o.tahun_akhir}"),
                ("Dokumen dasar", lambda o: o.dasar),
            ),
            lambda p: Rpjmd.objects.filter(pemda=p),
        ),
        LayarPemda(
            "tujuan",
            "Tujuan RPJMD",
            "tujuan RPJMD",
            TujuanPemda,
            TujuanPemdaForm,
            (
                ("RPJMD", lambda o: f"{o.rpjmd.tahun_awal}\u2013{o.rpjmd.tahun_akhir}"),
                ("Kode", lambda o: o.kode),
                ("Tujuan", lambda o: o.uraian),
            ),
            lambda p: TujuanPemda.objects.filter(rpjmd__pemda=p).select_related("rpjmd"),
        ),
        LayarPemda(
            "sasaran",
            "Sasaran RPJMD",
            "sasaran RPJMD",
            SasaranPemda,
            SasaranPemdaForm,
            (
                ("Tujuan", lambda o: f"{o.tujuan.kode} {o.tujuan.uraian}"),
                ("Kode", lambda o: o.kode),
                ("Sasaran", lambda o: o.uraian),
            ),
            lambda p: SasaranPemda.objects.filter(rpjmd__pemda=p).select_related("tujuan"),
        ),
        LayarPemda(
            "indikator",
            "IKU kepala daerah",
            "IKU kepala daerah",
            IndikatorPemda,
            IndikatorPemdaForm,
            (
                ("Kode", lambda o: o.kode),
                ("Sasaran RPJMD", lambda o: f"{o.sasaran.kode} {o.sasaran.uraian}"),
                ("Indikator", lambda o: o.uraian),
                ("Satuan", lambda o: o.satuan),
                ("Polaritas", lambda o: o.get_polaritas_display()),
                ("Acuan rentang", lambda o: o.get_acuan_rentang_display() or "menurut polaritas"),
                ("Skala predikat", lambda o: o.get_skala_predikat_display()),
            ),
            lambda p: IndikatorPemda.objects.filter(rpjmd__pemda=p).select_related("sasaran"),
        ),
        LayarPemda(
            "target",
            "Target IKU kepala daerah",
            "target IKU kepala daerah",
            TargetPemda,
            TargetPemdaForm,
            (
                ("Indikator", lambda o: f"{o.indikator.kode} {o.indikator.uraian}"),
                ("Tahun", lambda o: str(o.tahun)),
                ("Jenis", lambda o: o.get_jenis_display()),
                (
                    "Target",
                    lambda o: (
                        f"{_angka(o.nilai_bawah)} – {_angka(o.nilai_atas)}"
                        if o.rentang
                        else _angka(o.nilai)
                    ),
                ),
                ("Predikat", lambda o: o.predikat),
            ),
            lambda p: TargetPemda.objects.filter(indikator__rpjmd__pemda=p).select_related(
                "indikator"
            ),
            lambda o: o.tahun,
        ),
        LayarPemda(
            "realisasi",
            "Realisasi IKU kepala daerah",
            "realisasi IKU kepala daerah",
            RealisasiPemda,
            RealisasiPemdaForm,
            (
                ("Indikator", lambda o: f"{o.indikator.kode} {o.indikator.uraian}"),
                ("Tahun", lambda o: str(o.tahun)),
                ("Realisasi", lambda o: _angka(o.nilai) if o.tersedia else "belum tersedia (NA)"),
                ("Predikat", lambda o: o.predikat),
            ),
            lambda p: RealisasiPemda.objects.filter(indikator__rpjmd__pemda=p).select_related(
                "indikator"
            ),
            lambda o: o.tahun,
        ),
        LayarPemda(
            "anggaran",
            "Anggaran per perangkat daerah",
            "anggaran perangkat daerah",
            AnggaranPerangkatDaerah,
            AnggaranOpdForm,
            (
                ("Tahun", lambda o: str(o.tahun)),
                ("Perangkat daerah", lambda o: o.perangkat_daerah),
                ("Di aplikasi", lambda o: o.opd.kode if o.opd else "—"),
                ("Pagu (Rp)", lambda o: formulas.format_angka(o.pagu, 0)),
                ("Realisasi (Rp)", lambda o: formulas.format_angka(o.realisasi, 0)),
                (
                    "Serapan",
                    lambda o: formulas.format_persen(formulas.serapan(o.pagu, o.realisasi)),
                ),
            ),
            lambda p: AnggaranPerangkatDaerah.objects.filter(pemda=p).select_related("opd"),
            lambda o: o.tahun,
        ),
        LayarPemda(
            "pembiayaan",
            "Pembiayaan daerah",
            "pembiayaan daerah",
            Pembiayaan,
            PembiayaanForm,
            (
                ("Tahun", lambda o: str(o.tahun)),
                ("Jenis", lambda o: o.get_jenis_display()),
                ("Uraian", lambda o: o.uraian),
                ("Anggaran (Rp)", lambda o: formulas.format_angka(o.anggaran, 0)),
                ("Realisasi (Rp)", lambda o: formulas.format_angka(o.realisasi, 0)),
            ),
            lambda p: Pembiayaan.objects.filter(pemda=p),
            lambda o: o.tahun,
        ),
        LayarPemda(
            "tautan",
            "Tautan IKU perangkat daerah ke sasaran RPJMD",
            "tautan IKU perangkat daerah ke sasaran RPJMD",
            TautanSasaran,
            TautanSasaranForm,
            (
                ("Perangkat daerah", lambda o: o.indikator.opd.nama),
                ("IKU perangkat daerah", lambda o: f"{o.indikator.kode} {o.indikator.uraian}"),
                ("Sasaran RPJMD", lambda o: f"{o.sasaran.kode} {o.sasaran.uraian}"),
            ),
            lambda p: TautanSasaran.objects.filter(sasaran__rpjmd__pemda=p).select_related(
                "indikator__opd", "sasaran"
            ),
        ),
    )
}


def tahun_terkunci(pemda: Pemda) -> dict[int, str]:
    """The pemda's years whose LKIP is submitted or signed, each with why it is read-only."""
    rows = LaporanTahunan.objects.filter(
        pemda=pemda, opd__isnull=True, status__in=STATUS_TERKUNCI
    ).values_list("tahun", "status")
    return {tahun: pesan_terkunci(tahun, status) for tahun, status in sorted(rows)}


def alasan_terkunci(pemda: Pemda, tahun: int | None) -> str:
    """Why a record of this year may not be changed ('' when it may): the pemda's LKIP of the
    year is submitted or signed; for the plan's records, any of its LKIP in review."""
    qs = LaporanTahunan.objects.filter(
        pemda=pemda, opd__isnull=True, status__in=STATUS_TERKUNCI
    ).order_by("tahun")
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    lap = qs.first()
    return pesan_terkunci(lap.tahun, lap.status) if lap else ""


def rpjmd_of(pemda: Pemda) -> Rpjmd | None:
    return Rpjmd.objects.filter(pemda=pemda).order_by("-tahun_awal").first()
