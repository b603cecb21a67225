from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    # The exchange workbook: template, export, upload → preview → apply.
    path("impor/templat.xlsx", views.templat, name="impor_templat"),
    path("impor/<slug:kode>/", views.impor, name="impor"),
    path("impor/<slug:kode>/pratinjau/", views.pratinjau, name="impor_pratinjau"),
    path("impor/<slug:kode>/terapkan/", views.terapkan, name="impor_terapkan"),
    path("impor/<slug:kode>/ekspor.xlsx", views.ekspor, name="ekspor"),
]
