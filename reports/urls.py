from django.urls import include, path

from reports import views, views_temuan, views_workflow

app_name = "reports"

urlpatterns = [
    path("dasbor/", include("reports.dashboard.urls")),
    path("", views.beranda, name="beranda"),
    path("laporan/<slug:kode>/<int:tahun>/", views.laporan_html, name="laporan"),
    path("laporan/<slug:kode>/<int:tahun>/lkip.pdf", views.laporan_pdf, name="laporan_pdf"),
    path("laporan/<slug:kode>/<int:tahun>/lkip.xlsx", views.laporan_xlsx, name="laporan_xlsx"),
    path("laporan/<slug:kode>/<int:tahun>/lkip.docx", views.laporan_docx, name="laporan_docx"),
    path(
        "laporan/<slug:kode>/<int:tahun>/susun-ulang/<slug:format>/",
        views.render_ulang,
        name="render_ulang",
    ),
    path("laporan/<slug:kode>/<int:tahun>/narasi/", views.narasi_daftar, name="narasi"),
    path(
        "laporan/pemda/<int:pemda_id>/<int:tahun>/susun-ulang/",
        views.susun_ulang_kota,
        name="susun_ulang_kota",
    ),
    path(
        "laporan/<slug:kode>/<int:tahun>/narasi/<slug:bagian>/",
        views.narasi_ubah,
        name="narasi_ubah",
    ),
    # The approval workflow of an LKIP year (POST-only actions) and the public verification.
    path("laporan/<slug:kode>/<int:tahun>/alur/", views_workflow.alur, name="alur"),
    path("laporan/<slug:kode>/<int:tahun>/alur/ajukan/", views_workflow.ajukan, name="alur_ajukan"),
    path(
        "laporan/<slug:kode>/<int:tahun>/alur/komentar/",
        views_workflow.komentar,
        name="alur_komentar",
    ),
    path(
        "laporan/<slug:kode>/<int:tahun>/alur/kembalikan/",
        views_workflow.kembalikan,
        name="alur_kembalikan",
    ),
    path(
        "laporan/<slug:kode>/<int:tahun>/alur/tandatangani/",
        views_workflow.tandatangani,
        name="alur_tandatangani",
    ),
    path(
        "laporan/<slug:kode>/<int:tahun>/alur/tandatangani/ulang/",
        views_workflow.tandatangani_ulang,
        name="alur_tandatangani_ulang",
    ),
    path(
        "laporan/<slug:kode>/<int:tahun>/alur/revisi/",
        views_workflow.buka_revisi,
        name="alur_revisi",
    ),
    # The data-health findings as a work list; acknowledging warnings (POST only).
    path("laporan/<slug:kode>/<int:tahun>/temuan/", views_temuan.temuan, name="temuan"),
    path(
        "laporan/<slug:kode>/<int:tahun>/temuan/akui/",
        views_temuan.akui_temuan,
        name="temuan_akui",
    ),
    path("verifikasi/", views_workflow.verifikasi, name="verifikasi"),
    path(
        "verifikasi/<uuid:dokumen_id>/",
        views_workflow.verifikasi_dokumen,
        name="verifikasi_dokumen",
    ),
    path(
        "verifikasi/<uuid:dokumen_id>/lkip.pdf", views_workflow.unduh_dokumen, name="unduh_dokumen"
    ),
]
