from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "Anggaran"

    def ready(self) -> None:
        from budget import screens  # noqa: F401  (registers the planning screens)
