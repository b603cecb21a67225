from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Laporan kinerja"

    def ready(self) -> None:
        from lkip import backends, kunci, perubahan
        from reports import screens  # noqa: F401  (registers the printed figures' data screen)
        from reports.antrian import pemicu  # a change queues the LKIP's render (its receivers)
        from reports.dashboard.versi import pengguna_tersimpan
        from reports.models import LaporanTahunan

        # A submitted or signed LKIP locks its year's data; one in review also locks the plan.
        kunci.daftarkan_laporan(
            LaporanTahunan.objects.terkunci, LaporanTahunan.objects.struktur_terkunci
        )
        # Logged-in users are kept per process and data version (the version covers their rights).
        backends.daftarkan_penyimpan(pengguna_tersimpan)
        # Bulk writes of lower apps (no signals) queue the render too.
        perubahan.daftarkan(pemicu.catat_banyak)
