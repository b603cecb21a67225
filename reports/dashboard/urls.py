from django.urls import path

from reports.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.pemda, name="pemda"),
    path("dasbor-pemda.xlsx", views.pemda_xlsx, name="pemda_xlsx"),
    path("opd/<slug:kode>/<int:tahun>/", views.opd, name="opd"),
    path(
        "opd/<slug:kode>/<int:tahun>/indikator/<str:indikator>/", views.indikator, name="indikator"
    ),
    path("opd/<slug:kode>/<int:tahun>/program/<str:program>/", views.program, name="program"),
]
