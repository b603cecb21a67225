from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """The exchange workbook (shared/spec/workbook.md): template, export, upload, preview,
    import."""

    name = "exchange"
    verbose_name = "Workbook pertukaran data"
