from django.apps import AppConfig


class SkmConfig(AppConfig):
    name = "skm"
    verbose_name = "Survei Kepuasan Masyarakat"

    def ready(self) -> None:
        from skm import screens  # noqa: F401  (registers the survey set-up screens)
