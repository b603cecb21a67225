from django.urls import path

from targets import views_workbook

app_name = "targets"

urlpatterns = [
    # The exchange workbook: template, export, upload → preview → apply.
    path("impor/templat.xlsx", views_workbook.templat, name="impor_templat"),
    path("impor/<slug:kode>/", views_workbook.impor, name="impor"),
    path("impor/<slug:kode>/pratinjau/", views_workbook.pratinjau, name="impor_pratinjau"),
    path("impor/<slug:kode>/terapkan/", views_workbook.terapkan, name="impor_terapkan"),
    path("impor/<slug:kode>/ekspor.xlsx", views_workbook.ekspor, name="ekspor"),
]
