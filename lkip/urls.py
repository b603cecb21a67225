from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lkip import probes
from lkip.auth import MasukView

admin.site.site_header = "LKIP — Administrasi"
admin.site.site_title = "LKIP"
admin.site.index_title = "Data referensi dan pengguna"

urlpatterns = [
    path("sehat/", probes.sehat, name="sehat"),
    path("siap/", probes.siap, name="siap"),
    path("masuk/", MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("data/", include("targets.urls")),
    path("survei/", include("skm.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("s/", include("skm.urls_publik")),
    path("", include("exchange.urls")),
    path("", include("rpjmd.urls")),
    path("", include("reports.urls")),
]
