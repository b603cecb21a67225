"""The pemda dashboard's agency table (django-tables2): columns, ordering, pagination, export."""

from __future__ import annotations

import django_tables2 as tables
from django_tables2.data import TableListData
from django_tables2.utils import OrderBy

from reports.dashboard.struktur import BarisOpd

PER_HALAMAN = 50


class DataKosongTerakhir(TableListData):
    """List data whose ordering keeps rows without a value ('belum ada data') last, either way."""

    def order_by(self, aliases):
        for alias in reversed(list(aliases)):  # stable sorts, least significant first
            column = self.table.columns[OrderBy(alias).bare]
            accessor = column.order_by[0].bare if column.order_by else column.accessor
            descending = alias.startswith("-")
            present = [r for r in self.data if _value(r, accessor) is not None]
            missing = [r for r in self.data if _value(r, accessor) is None]
            present.sort(key=lambda r: _value(r, accessor), reverse=descending)
            self.data = present + missing


def _value(record, accessor: str):
    value = getattr(record, str(accessor), None)
    return value.lower() if isinstance(value, str) else value


class OpdTable(tables.Table):
    """One row per agency; the template prints the rows (plain loop: fast at city scale)."""

    nama = tables.Column("Perangkat daerah")
    jumlah_iku = tables.Column("IKU")
    rata_capaian = tables.Column("Rata-rata capaian")
    persen_tercapai = tables.Column("IKU mencapai target")
    serapan = tables.Column("Serapan anggaran")
    status = tables.Column("Status LKIP", order_by=("status_urut",))
    status_sejak = tables.Column("Sejak")
    galat = tables.Column("Kesalahan data")

    class Meta:
        orderable = True
        order_by = ("nama",)
        per_page = PER_HALAMAN
        template_name = "reports/dashboard/_tabel_opd.html"

    def __init__(self, rows: list[BarisOpd], **kwargs):
        super().__init__(DataKosongTerakhir(list(rows)), **kwargs)

    @classmethod
    def pilihan_urutan(cls) -> list[tuple[str, str]]:
        """Valid values of the ?sort= parameter, for the filter form."""
        out = []
        for name, column in cls.base_columns.items():
            out += [
                (name, f"{column.verbose_name} (naik)"),
                (f"-{name}", f"{column.verbose_name} (turun)"),
            ]
        return out

    def baris_ekspor(self) -> list[BarisOpd]:
        """The rows in the table's current order (every page)."""
        return list(self.data)
