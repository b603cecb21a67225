from django.core.management.base import BaseCommand, CommandError

from lkip.models import PerangkatDaerah
from reports.aturan_pemda import aturan_pemda
from reports.health import ERROR, periksa


class Command(BaseCommand):
    help = (
        "Menjalankan pemeriksaan kesehatan data (domain spec §9) untuk satu perangkat daerah dan "
        "tahun."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="kode perangkat daerah, mis. dinsos-kota-bekasi")
        parser.add_argument("--pemda", help="kode pemda: data LKIP pemda sendiri")
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")

    def handle(self, *args, org: str | None, pemda: str | None, year: str, **options) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"Tahun '{year}' tidak sah: gunakan empat angka, mis. 2024.")
        if bool(org) == bool(pemda):
            raise CommandError("Sebutkan tepat satu: --org <kode> atau --pemda <kode>.")
        if pemda:
            aturan = aturan_pemda()
            try:
                findings = aturan.periksa(pemda, int(year))
            except aturan.tidak_ditemukan as exc:
                raise CommandError(str(exc)) from exc
            self._cetak(findings, f"{pemda} {year}")
            return
        opd = PerangkatDaerah.objects.filter(kode=org).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        self._cetak(periksa(opd, int(year)), f"{opd.nama} {year}")

    def _cetak(self, findings, judul: str) -> None:
        for temuan in findings:
            self.stdout.write(str(temuan))
        errors = sum(1 for t in findings if t.tingkat == ERROR)
        self.stdout.write(f"{judul}: {errors} kesalahan, {len(findings) - errors} peringatan.")
        if errors:
            raise SystemExit(1)
