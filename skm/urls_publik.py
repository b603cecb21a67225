from django.urls import path

from skm import publik

app_name = "skm_publik"

urlpatterns = [
    path("<str:token>/", publik.formulir, name="formulir"),
    path("<str:token>/terima-kasih/", publik.terima_kasih, name="terima_kasih"),
]
