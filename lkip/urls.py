from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "LKIP — Administrasi"
admin.site.site_title = "LKIP"
admin.site.index_title = "Data referensi dan pengguna"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("masuk/", auth_views.LoginView.as_view(template_name="admin/login.html"), name="login"),
    path("admin/", admin.site.urls),
]
