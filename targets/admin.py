from django.contrib import admin

from lkip.admin import SuperuserOnlyAdmin
from targets.models import Realisasi, Renstra, Sasaran, Target, Tujuan


class TujuanInline(admin.TabularInline):
    model = Tujuan
    extra = 0


@admin.register(Renstra)
class RenstraAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun_awal", "tahun_akhir"]
    list_filter = ["opd"]
    inlines = [TujuanInline]


@admin.register(Tujuan)
class TujuanAdmin(SuperuserOnlyAdmin):
    list_display = ["kode", "uraian", "renstra"]
    list_filter = ["renstra__opd"]


@admin.register(Sasaran)
class SasaranAdmin(SuperuserOnlyAdmin):
    list_display = ["kode", "uraian", "tujuan", "renstra"]
    list_filter = ["renstra__opd"]


@admin.register(Target)
class TargetAdmin(SuperuserOnlyAdmin):
    list_display = ["indikator", "tahun", "jenis", "periode", "nilai", "predikat"]
    list_filter = ["indikator__opd", "tahun", "jenis", "periode"]
    list_select_related = ["indikator"]


@admin.register(Realisasi)
class RealisasiAdmin(SuperuserOnlyAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "pembilang", "penyebut", "predikat"]
    list_filter = ["indikator__opd", "tahun", "periode"]
    list_select_related = ["indikator"]
