from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = "Evaluasi AKIP (LKE)"

    def ready(self) -> None:
        from evaluasi import daftar
        from evaluasi.models import Bukti, Rekomendasi
        from lkip import umur_berkas

        daftar.daftarkan()
        # An evidence file lives as long as the record that points at it.
        umur_berkas.ikat(Bukti, "berkas")
        umur_berkas.ikat(Rekomendasi, "bukti")
