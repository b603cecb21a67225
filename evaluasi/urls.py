from django.urls import path

from evaluasi import views, views_impor, views_lembar, views_lhe

app_name = "evaluasi"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("buka/", views.buka_tahun, name="buka_tahun"),
    path("lke/<int:tahun>/", views_lembar.lembar_kerja, name="lembar_kerja"),
    path("lke/<int:tahun>/versi-baru/", views_lembar.versi_baru, name="versi_baru"),
    path("rekap/<int:tahun>/", views_lhe.rekap, name="rekap"),
    path("rekap/<int:tahun>.xlsx", views_lhe.rekap_xlsx, name="rekap_xlsx"),
    path("verifikasi/<uuid:dokumen_id>/", views_lhe.verifikasi_lhe, name="verifikasi_lhe"),
    path("verifikasi/<uuid:dokumen_id>/lhe.pdf", views_lhe.unduh_lhe, name="unduh_lhe"),
    path("<slug:kode>/tindak-lanjut/", views_lhe.tindak_lanjut, name="tindak_lanjut"),
    path("<slug:kode>/tindak-lanjut/<int:pk>/", views_lhe.rekomendasi, name="rekomendasi"),
    path(
        "<slug:kode>/tindak-lanjut/<int:pk>/bukti/",
        views_lhe.unduh_bukti_tl,
        name="unduh_bukti_tl",
    ),
    path("<slug:kode>/<int:tahun>/", views.lembar, name="lembar"),
    path("<slug:kode>/<int:tahun>/riwayat/", views.riwayat, name="riwayat"),
    path("<slug:kode>/<int:tahun>/lke.xlsx", views_impor.unduh_lembar, name="unduh_lembar"),
    path("<slug:kode>/<int:tahun>/impor/", views_impor.impor, name="impor"),
    path("<slug:kode>/<int:tahun>/ajukan/", views.ajukan, name="ajukan"),
    path("<slug:kode>/<int:tahun>/finalkan/", views.finalkan, name="finalkan"),
    path("<slug:kode>/<int:tahun>/reviu/", views.reviu, name="reviu"),
    path("<slug:kode>/<int:tahun>/buka-kembali/", views.buka_kembali, name="buka_kembali"),
    path("<slug:kode>/<int:tahun>/temuan/", views_lhe.temuan, name="temuan"),
    path("<slug:kode>/<int:tahun>/lhe.pdf", views_lhe.lhe_pdf, name="lhe_pdf"),
    path("<slug:kode>/<int:tahun>/tandatangani/", views_lhe.tandatangani, name="tandatangani"),
    path("<slug:kode>/<int:tahun>/kriteria/<int:pk>/bukti/", views.bukti, name="bukti"),
    path("<slug:kode>/<int:tahun>/berkas/<int:pk>/", views.unduh_bukti, name="unduh_bukti"),
    path("<slug:kode>/<int:tahun>/<slug:sub>/", views.sub, name="sub"),
]
