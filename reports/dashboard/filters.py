"""The pemda dashboard's filter form (django-filter): every value validated, errors in
Indonesian."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet

from lkip import formulas
from lkip.models import PerangkatDaerah
from reports.dashboard.sasaran import sumber_sasaran
from reports.dashboard.struktur import BELUM_ADA_DATA, KELAS_SERAPAN, RingkasanPemda
from reports.dashboard.tables import OpdTable
from reports.models import StatusLaporan

KOSONG = "kosong"


def _tetap(queryset: QuerySet, name: str, value) -> QuerySet:
    """Validated here, used by the view (year, ordering, page)."""
    return queryset


class HalamanFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DasborPemdaFilter(django_filters.FilterSet):
    """Filters on the agencies' computed figures; `ringkasan` is attached once the year is known."""

    tahun = django_filters.ChoiceFilter(
        label="Tahun",
        method=_tetap,
        empty_label=None,
        error_messages={
            "invalid_choice": "“%(value)s” tidak tersedia; pilih salah satu tahun dalam daftar."
        },
    )
    nama = django_filters.CharFilter(
        label="Nama perangkat daerah",
        field_name="nama",
        lookup_expr="icontains",
        max_length=100,
    )
    kategori = django_filters.ChoiceFilter(
        label="Kategori rata-rata capaian",
        method="filter_kategori",
        empty_label="Semua kategori",
        choices=[(b.value, b.value) for b in formulas.BandCapaian] + [(KOSONG, "Belum ada data")],
        error_messages={"invalid_choice": "“%(value)s” bukan kategori capaian yang dikenal."},
    )
    serapan = django_filters.ChoiceFilter(
        label="Serapan anggaran",
        method="filter_serapan",
        empty_label="Semua tingkat serapan",
        choices=[(label, label) for _, label in reversed(KELAS_SERAPAN)]
        + [(KOSONG, "Belum ada data")],
        error_messages={"invalid_choice": "“%(value)s” bukan tingkat serapan yang dikenal."},
    )
    sasaran = django_filters.ChoiceFilter(
        label="Sasaran pemda",
        method="filter_sasaran",
        empty_label="Semua sasaran",
        error_messages={
            "invalid_choice": "“%(value)s” bukan sasaran RPJMD pemda ini; pilih dari daftar."
        },
    )
    status = django_filters.ChoiceFilter(
        label="Status LKIP",
        method="filter_status",
        empty_label="Semua status",
        choices=StatusLaporan.choices,
        error_messages={"invalid_choice": "“%(value)s” bukan status LKIP yang dikenal."},
    )
    galat = django_filters.ChoiceFilter(
        label="Kesalahan data",
        method="filter_galat",
        empty_label="Semua",
        choices=[("ada", "Ada kesalahan"), ("tidak", "Tanpa kesalahan")],
        error_messages={
            "invalid_choice": "“%(value)s” bukan pilihan yang dikenal (ada atau tidak)."
        },
    )
    sort = django_filters.ChoiceFilter(
        label="Urutan",
        method=_tetap,
        choices=OpdTable.pilihan_urutan(),
        empty_label="Nama (naik)",
        error_messages={"invalid_choice": "“%(value)s” bukan kolom urutan yang dikenal."},
    )
    page = HalamanFilter(
        label="Halaman",
        method=_tetap,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": "harus berupa bilangan bulat.",
            "min_value": "paling kecil 1.",
            "max_value": "terlalu besar.",
        },
    )

    class Meta:
        model = PerangkatDaerah
        fields: list[str] = []

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        tahun_list: tuple[int, ...] = (),
        pemda_id: int | None = None,
        **kwargs,
    ):
        super().__init__(data, queryset=queryset, **kwargs)
        self.ringkasan: RingkasanPemda | None = None
        self.pemda_id = pemda_id
        # The pemda's RPJMD sasaran (rpjmd registers them); not offered when it has none.
        sumber = sumber_sasaran()
        pilihan = sumber.pilihan(pemda_id) if sumber and pemda_id else []
        if pilihan:
            self.filters["sasaran"].extra["choices"] = pilihan
        else:
            del self.filters["sasaran"]
        self.filters["tahun"].extra["choices"] = [(str(y), str(y)) for y in tahun_list]
        self.form.fields["tahun"].choices = [(str(y), str(y)) for y in tahun_list]

    def _ids(self, test) -> set[int]:
        assert self.ringkasan is not None, "attach the year's summary before reading .qs"
        return {pk for pk, row in self.ringkasan.baris.items() if test(row)}

    def filter_kategori(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = None if value == KOSONG else value
        return queryset.filter(pk__in=self._ids(lambda r: r.band == wanted))

    def filter_serapan(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = BELUM_ADA_DATA if value == KOSONG else value
        return queryset.filter(pk__in=self._ids(lambda r: r.kelas_serapan == wanted))

    def filter_sasaran(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        sumber = sumber_sasaran()
        assert sumber is not None and self.pemda_id is not None
        return queryset.filter(pk__in=sumber.opd(self.pemda_id, value))

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=self._ids(lambda r: r.status == value))

    def filter_galat(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=self._ids(lambda r: bool(r.galat) == (value == "ada")))
