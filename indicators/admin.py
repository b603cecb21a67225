from django.contrib import admin

from indicators.models import EvaluasiAKIP, HasilIKM, Indikator
from lkip.admin import SuperuserOnlyAdmin


@admin.register(Indikator)
class IndikatorAdmin(SuperuserOnlyAdmin):
    list_display = [
        "kode",
        "uraian",
        "tingkat",
        "satuan",
        "jenis_nilai",
        "polaritas",
        "agregasi",
        "opd",
    ]
    list_filter = ["opd", "tingkat", "jenis_nilai", "polaritas"]
    search_fields = ["kode", "uraian"]
    list_select_related = ["opd"]


@admin.register(EvaluasiAKIP)
class EvaluasiAKIPAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "komponen", "bobot", "nilai", "nomor_lhe", "tanggal_lhe"]
    list_filter = ["opd", "tahun"]


@admin.register(HasilIKM)
class HasilIKMAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "nilai", "sumber"]
    list_filter = ["opd"]
