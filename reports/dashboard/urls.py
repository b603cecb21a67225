from django.urls import path

app_name = "dashboard"

urlpatterns: list = [
    # Filled by the dashboards work (issue 6).
]
