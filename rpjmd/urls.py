from django.urls import path

from reports import views_temuan as reports_temuan
from reports import views_workflow
from rpjmd import views, views_alur, views_audit, views_temuan
from rpjmd.views_alur import ALUR_PEMDA

app_name = "rpjmd"

_L = "laporan/pemda/<slug:kode>/<int:tahun>/"

urlpatterns = [
    # The pemda's own data and LKIP (the Kepala Daerah's report).
    path("pemda/<slug:kode>/", views.beranda, name="beranda"),
    path("pemda/<slug:kode>/audit/", views_audit.audit, name="audit"),
    path("pemda/<slug:kode>/data/<slug:layar>/", views.daftar, name="daftar"),
    path("pemda/<slug:kode>/data/<slug:layar>/tambah/", views.ubah, name="tambah"),
    path("pemda/<slug:kode>/data/<slug:layar>/<int:pk>/", views.ubah, name="ubah"),
    path("pemda/<slug:kode>/data/<slug:layar>/<int:pk>/hapus/", views.hapus, name="hapus"),
    path(_L, views.laporan_html, name="laporan"),
    path(_L + "lkip.pdf", views.laporan_pdf, name="laporan_pdf"),
    path(_L + "lkip.xlsx", views.laporan_xlsx, name="laporan_xlsx"),
    path(_L + "lkip.docx", views.laporan_docx, name="laporan_docx"),
    # Its data-health findings: fix, or acknowledge a warning with a reason.
    path(_L + "temuan/", views_temuan.temuan, name="temuan"),
    path(
        _L + "temuan/akui/",
        reports_temuan.akui_temuan,
        {"jenis": ALUR_PEMDA},
        name="temuan_akui",
    ),
    # Its approval and signature: the agency workflow one level up (POST-only actions).
    path(_L + "alur/", views_alur.alur, name="alur"),
    *[
        path(_L + f"alur/{route}", view, {"jenis": ALUR_PEMDA}, name=f"alur_{nama}")
        for route, view, nama in (
            ("ajukan/", views_workflow.ajukan, "ajukan"),
            ("komentar/", views_workflow.komentar, "komentar"),
            ("kembalikan/", views_workflow.kembalikan, "kembalikan"),
            ("tandatangani/", views_workflow.tandatangani, "tandatangani"),
            ("tandatangani/ulang/", views_workflow.tandatangani_ulang, "tandatangani_ulang"),
            ("revisi/", views_workflow.buka_revisi, "revisi"),
        )
    ],
]
