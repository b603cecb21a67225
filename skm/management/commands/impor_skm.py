"""Import paper questionnaires (sheet Jawaban of an xlsx) into an agency's survey."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lkip.models import PerangkatDaerah
from skm.impor import ImporDitolak, impor_xlsx


class Command(BaseCommand):
    help = "Impor jawaban kuesioner kertas dari workbook .xlsx (semua atau tidak sama sekali)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", help="workbook .xlsx dengan sheet Jawaban")
        parser.add_argument("--org", required=True, help="kode perangkat daerah")

    def handle(self, *args, berkas: str, org: str, **options) -> None:
        opd = PerangkatDaerah.objects.filter(kode=org).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        try:
            hasil = impor_xlsx(opd, path.read_bytes(), path.name)
        except ImporDitolak as exc:
            for m in exc.masalah:
                self.stderr.write(str(m))
            raise CommandError(f"Berkas tidak diimpor ({len(exc.masalah)} masalah).") from None
        self.stdout.write(f"Impor selesai: {hasil}")
