from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.workbook import TeksTerlaluPanjang, export_workbook
from lkip.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Mengekspor seluruh data satu perangkat daerah (semua tahun) ke workbook pertukaran .xlsx."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="kode perangkat daerah, mis. dinsos-kota-bekasi")
        parser.add_argument("--output", help="berkas .xlsx yang ditulis")

    def handle(self, *args, org: str | None, output: str | None, **options) -> None:
        if not org:
            raise CommandError(
                "Sebutkan perangkat daerah dengan --org <kode>, mis. --org dinsos-kota-bekasi."
            )
        if not output:
            raise CommandError("Sebutkan berkas tujuan dengan --output <berkas.xlsx>.")
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"Berkas tujuan '{output}' harus berakhiran .xlsx.")
        if not path.parent.is_dir():
            raise CommandError(f"Folder '{path.parent}' tidak ada.")
        opd = (
            PerangkatDaerah.objects.select_related("pemda").filter(kode=org.strip().lower()).first()
        )
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        try:
            data = export_workbook(opd)
        except TeksTerlaluPanjang as exc:
            raise CommandError(str(exc)) from None
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Berkas '{output}' tidak dapat ditulis: {exc.strerror}.") from None
        self.stdout.write(f"{opd.nama}: workbook ditulis ke {path} ({len(data) // 1024} KB).")
