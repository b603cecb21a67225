from django.contrib import admin

from lkip.admin import SuperuserOnlyAdmin
from reports.models import AngkaTercetak, NarasiLaporan


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "bagian", "judul"]
    list_filter = ["opd", "tahun", "bagian"]


@admin.register(AngkaTercetak)
class AngkaTercetakAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "lokasi", "objek", "besaran", "teks"]
    list_filter = ["opd", "tahun", "besaran"]
