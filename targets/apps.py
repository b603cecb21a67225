from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = "Renstra, target dan realisasi"

    def ready(self) -> None:
        from targets import screens  # noqa: F401  (registers the planning screens)
