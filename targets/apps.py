from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = "Renstra, target dan realisasi"

    def ready(self) -> None:
        from lkip import kunci, menu
        from targets import screens  # noqa: F401  (screens registers the planning screens)
        from targets.services import pesan_periode_tertutup

        # A closed quarter or year refuses writes on every path (screens, grid, import).
        kunci.daftarkan_periode(pesan_periode_tertutup)
        # Replaced, cleared or deleted evidence files leave the storage after the commit.
        from lkip import umur_berkas
        from targets.models import Realisasi

        umur_berkas.ikat(Realisasi, "bukti")
        # The year an agency's menu opens on.
        from targets.views import tahun_bawaan

        menu.daftarkan_tahun(tahun_bawaan)
