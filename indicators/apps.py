from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indikator kinerja"

    def ready(self) -> None:
        from indicators import screens  # noqa: F401  (registers the planning screens)
