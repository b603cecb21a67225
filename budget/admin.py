from django.contrib import admin

from budget.models import Anggaran, CapaianOutput, Nomenklatur
from lkip.admin import SuperuserOnlyAdmin


@admin.register(Nomenklatur)
class NomenklaturAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "keputusan"]
    list_filter = ["tingkat"]
    search_fields = ["kode", "nama"]
    readonly_fields = ["tingkat", "induk"]


@admin.register(Anggaran)
class AnggaranAdmin(SuperuserOnlyAdmin):
    list_display = [
        "nomenklatur",
        "tahun",
        "pagu_murni",
        "pagu_perubahan",
        "realisasi",
        "sumber_dana",
        "opd",
    ]
    list_filter = ["opd", "tahun", "nomenklatur__tingkat"]
    search_fields = ["nomenklatur__kode", "nomenklatur__nama"]
    list_select_related = ["nomenklatur", "opd"]
    autocomplete_fields = ["nomenklatur"]
    filter_horizontal = ["indikator"]


@admin.register(CapaianOutput)
class CapaianOutputAdmin(SuperuserOnlyAdmin):
    list_display = ["uraian", "nomenklatur", "tahun", "target", "realisasi", "opd"]
    list_filter = ["opd", "tahun"]
