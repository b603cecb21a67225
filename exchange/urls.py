from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    # The exchange workbook: template, export, upload → preview → apply.
    path("impor/templat.xlsx", views.templat, name="impor_templat"),
    # The pemda-level workbook (the pemda's own LKIP): the Admin Pemda's.
    path("impor/pemda/<slug:kode>/", views.impor_pemda, name="impor_pemda"),
    path("impor/pemda/<slug:kode>/pratinjau/", views.pratinjau_pemda, name="impor_pemda_pratinjau"),
    path("impor/pemda/<slug:kode>/terapkan/", views.terapkan_pemda, name="impor_pemda_terapkan"),
    path("impor/pemda/<slug:kode>/ekspor.xlsx", views.ekspor_pemda, name="ekspor_pemda"),
    path("impor/<slug:kode>/", views.impor, name="impor"),
    path("impor/<slug:kode>/pratinjau/", views.pratinjau, name="impor_pratinjau"),
    path("impor/<slug:kode>/terapkan/", views.terapkan, name="impor_terapkan"),
    path("impor/<slug:kode>/ekspor.xlsx", views.ekspor, name="ekspor"),
]
