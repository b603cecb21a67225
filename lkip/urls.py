from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "LKIP — Administrasi"
admin.site.site_title = "LKIP"
admin.site.index_title = "Data referensi dan pengguna"

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="masuk.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("data/", include("lkip.data_urls")),
    path("", include("reports.urls")),
]
