"""The printed figures of an earlier document (angka rujukan): reviewed, corrected or removed by
the planner on the generic data screens (`/data/<kode>/angka-tercetak/`)."""

import django_tables2 as tables

from lkip.crud import Layar, ScopedForm, register
from lkip.tables import ScopedTable
from reports.models import AngkaTercetak


class AngkaTercetakForm(ScopedForm):
    class Meta:
        model = AngkaTercetak
        fields = ["tahun", "objek", "besaran", "teks", "lokasi"]
        labels = {
            "objek": "Kode anggaran atau indikator",
            "teks": "Angka seperti tercetak",
        }
        help_texts = {
            "objek": "Kode baris anggaran (mis. 1.06.01), kode indikator (mis. IKU-3), atau 'opd' "
            "untuk jumlah seluruh perangkat daerah.",
            "teks": "Persis seperti di dokumen sumber, mis. 90,06. Pemeriksaan data "
            "membandingkannya dengan angka yang dihitung LKIP ini.",
        }


class AngkaTercetakTable(ScopedTable):
    layar_slug = "angka-tercetak"
    teks = tables.Column(verbose_name="Angka tercetak")

    class Meta:
        model = AngkaTercetak
        fields = ["tahun", "objek", "besaran", "teks", "lokasi"]


register(
    Layar(
        "angka-tercetak",
        "Angka rujukan dokumen sumber",
        AngkaTercetak,
        AngkaTercetakForm,
        AngkaTercetakTable,
        lambda opd: AngkaTercetak.objects.filter(opd=opd).order_by(
            "-tahun", "objek", "besaran", "lokasi"
        ),
        keterangan=(
            "Angka yang dicetak dokumen lama (mis. LKIP buatan tangan). LKIP ini tidak "
            "mencetaknya: pemeriksaan data membandingkannya dengan angka yang dihitung dari "
            "data dan "
            "menampilkan perbedaannya sebagai peringatan. Perbaiki angka yang salah ketik, hapus "
            "rujukan yang tidak diperlukan lagi, atau akui peringatannya dengan alasan."
        ),
    )
)
