from django.apps import AppConfig


class RpjmdConfig(AppConfig):
    name = "rpjmd"
    verbose_name = "RPJMD dan LKIP pemda"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from reports.aturan_pemda import daftarkan_pemda
        from reports.dashboard.sasaran import daftarkan_sasaran
        from reports.dashboard.versi import lupakan_versi
        from rpjmd.dasbor import SUMBER
        from rpjmd.workflow import ATURAN

        # The pemda's own LKIP goes through the agency workflow and signing, one level up.
        daftarkan_pemda(ATURAN)
        # The pemda dashboard filters by RPJMD sasaran (cascading links); a delete of one of
        # them moves the data version, as a delete of the audited models does.
        daftarkan_sasaran(SUMBER)
        for model in SUMBER.model:
            post_delete.connect(
                lupakan_versi, sender=model, dispatch_uid=f"lkip-versi-hapus-{model._meta.label}"
            )
