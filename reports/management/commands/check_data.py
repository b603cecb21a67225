from django.core.management.base import BaseCommand, CommandError

from lkip.models import PerangkatDaerah
from reports.health import ERROR, periksa


class Command(BaseCommand):
    help = (
        "Menjalankan pemeriksaan kesehatan data (domain spec §9) untuk satu perangkat daerah dan "
        "tahun."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--org", required=True, help="kode perangkat daerah, mis. dinsos-kota-bekasi"
        )
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")

    def handle(self, *args, org: str, year: str, **options) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"Tahun '{year}' tidak sah: gunakan empat angka, mis. 2024.")
        opd = PerangkatDaerah.objects.filter(kode=org).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        findings = periksa(opd, int(year))
        for temuan in findings:
            self.stdout.write(str(temuan))
        errors = sum(1 for t in findings if t.tingkat == ERROR)
        self.stdout.write(
            f"{opd.nama} {year}: {errors} kesalahan, {len(findings) - errors} peringatan."
        )
        if errors:
            raise SystemExit(1)
