from django.contrib import admin

from lkip.models import (
    KategoriPPKS,
    KebutuhanPersonil,
    KejadianBencana,
    Pemda,
    Penugasan,
    PerangkatDaerah,
    SdmKomposisi,
)


class PerangkatDaerahInline(admin.TabularInline):
    model = PerangkatDaerah
    fields = ["kode", "nama", "kepala_nama"]
    extra = 0
    show_change_link = True


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "kepala_daerah_nama"]
    search_fields = ["nama"]
    inlines = [PerangkatDaerahInline]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "pemda", "kepala_nama", "kepala_nip"]
    list_filter = ["pemda"]
    search_fields = ["kode", "nama", "kepala_nama"]
    fieldsets = [
        (None, {"fields": ["pemda", "kode", "kode_skpd", "nama", "kota_ttd"]}),
        (
            "Kepala perangkat daerah",
            {"fields": ["kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan"]},
        ),
    ]


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ["user", "pemda", "opd"]
    list_filter = ["pemda", "opd"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["opd"]


@admin.register(SdmKomposisi)
class SdmKomposisiAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "kategori", "jumlah"]
    list_filter = ["opd", "tahun"]


@admin.register(KebutuhanPersonil)
class KebutuhanPersonilAdmin(admin.ModelAdmin):
    list_display = ["opd", "nomor", "jabatan", "beban_kerja"]
    list_filter = ["opd"]


@admin.register(KategoriPPKS)
class KategoriPPKSAdmin(admin.ModelAdmin):
    list_display = ["opd", "kode", "nama"]
    list_filter = ["opd"]
    search_fields = ["kode", "nama"]


@admin.register(KejadianBencana)
class KejadianBencanaAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "kejadian", "kepala_keluarga", "jiwa"]
    list_filter = ["opd", "tahun"]
