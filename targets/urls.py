from django.urls import path

from lkip import crud
from lkip import views as lkip_views
from targets import views, views_entri

app_name = "data"

urlpatterns = [
    path("<slug:kode>/", views.menu, name="menu"),
    path("<slug:kode>/audit/", lkip_views.audit, name="audit"),
    path("<slug:kode>/bukti/<int:pk>/", views.bukti, name="bukti"),
    path("<slug:kode>/entri/<int:tahun>/", views_entri.entri_awal, name="entri_awal"),
    path("<slug:kode>/entri/<int:tahun>/tw<int:tw>/", views_entri.entri, name="entri"),
    path(
        "<slug:kode>/entri/<int:tahun>/tw<int:tw>/hitung/",
        views_entri.hitung,
        name="entri_hitung",
    ),
    path("<slug:kode>/periode/<int:tahun>/<int:periode>/tutup/", views_entri.tutup, name="tutup"),
    path("<slug:kode>/periode/<int:tahun>/<int:periode>/buka/", views_entri.buka, name="buka"),
    path("<slug:kode>/<slug:layar>/", crud.daftar, name="daftar"),
    path("<slug:kode>/<slug:layar>/tambah/", crud.tambah, name="tambah"),
    path("<slug:kode>/<slug:layar>/<int:pk>/", crud.ubah, name="ubah"),
    path("<slug:kode>/<slug:layar>/<int:pk>/hapus/", crud.hapus, name="hapus"),
    path("<slug:kode>/<slug:layar>/<int:pk>/riwayat/", crud.riwayat, name="riwayat"),
]
