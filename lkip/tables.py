"""Shared django-tables2 pieces: an actions column and Indonesian number columns."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from lkip import formulas


class AngkaColumn(tables.Column):
    """A number shown in Indonesian notation (exported as the number itself)."""

    def __init__(self, *args, tempat: int | None = None, **kwargs) -> None:
        self.tempat = tempat
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):

        return formulas.format_angka(
            value, self.tempat if self.tempat is not None else formulas.tempat_nilai(value)
        )

    def value(self, value):
        return value


class AksiColumn(tables.Column):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.update(
            empty_values=(),
            orderable=False,
            verbose_name="Tindakan",
            exclude_from_export=True,
            attrs={"td": {"class": "aksi"}},
        )
        super().__init__(*args, **kwargs)

    def render(self, record, table):
        kode, slug = table.opd.kode, table.layar_slug
        riwayat = format_html(
            '<a href="{}">Riwayat</a>', reverse("data:riwayat", args=[kode, slug, record.pk])
        )
        if not table.bisa_ubah:  # a read-only role is not sent to "Akses ditolak"
            return riwayat
        return format_html(
            '<a href="{}">Ubah</a> · {}',
            reverse("data:ubah", args=[kode, slug, record.pk]),
            riwayat,
        )


class ScopedTable(tables.Table):
    aksi = AksiColumn()
    layar_slug = ""
    #: whether to offer "Ubah": set by the list screen from the edit screen's own permission
    bisa_ubah = False

    def __init__(self, *args, opd=None, **kwargs) -> None:
        self.opd = opd
        kwargs.setdefault("attrs", {"class": "daftar"})
        super().__init__(*args, **kwargs)
        for name in ("tahun", "tahun_awal", "tahun_akhir"):  # a year is written 2024, never 2.024
            if name in self.columns:
                self.columns[name].column.localize = False
