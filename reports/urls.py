from django.urls import include, path

from reports import views

app_name = "reports"

urlpatterns = [
    path("dasbor/", include("reports.dashboard.urls")),
    path("", views.beranda, name="beranda"),
    path("laporan/<slug:kode>/<int:tahun>/", views.laporan_html, name="laporan"),
    path("laporan/<slug:kode>/<int:tahun>/lkip.pdf", views.laporan_pdf, name="laporan_pdf"),
    path("laporan/<slug:kode>/<int:tahun>/lkip.xlsx", views.laporan_xlsx, name="laporan_xlsx"),
    path("laporan/<slug:kode>/<int:tahun>/narasi/", views.narasi_daftar, name="narasi"),
    path("laporan/<slug:kode>/<int:tahun>/narasi/<slug:bagian>/", views.narasi_ubah, name="narasi_ubah"),
]
