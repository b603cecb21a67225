from django.urls import path

from skm import views

app_name = "skm"

urlpatterns = [
    path("<slug:kode>/", views.beranda, name="beranda"),
    path("<slug:kode>/tautan/", views.buat_tautan, name="buat_tautan"),
    path("<slug:kode>/tautan/<int:pk>/poster.pdf", views.poster, name="poster"),
    path("<slug:kode>/hasil/<int:tahun>/", views.hasil, name="hasil"),
    path("<slug:kode>/hasil/<int:tahun>/tetapkan/", views.tetapkan, name="tetapkan"),
    path("<slug:kode>/jawaban/", views.jawaban, name="jawaban"),
    path("<slug:kode>/jawaban/<int:tahun>.xlsx", views.ekspor, name="ekspor"),
    path("<slug:kode>/jawaban/<int:pk>/kecualikan/", views.kecualikan, name="kecualikan"),
    path("<slug:kode>/jawaban/<int:pk>/sertakan/", views.sertakan, name="sertakan"),
    path("<slug:kode>/impor/", views.impor, name="impor"),
]
