from django.contrib import admin

from reports.models import AngkaTercetak, NarasiLaporan


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "bagian", "judul"]
    list_filter = ["opd", "tahun", "bagian"]


@admin.register(AngkaTercetak)
class AngkaTercetakAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "lokasi", "objek", "besaran", "teks"]
    list_filter = ["opd", "tahun", "besaran"]
