from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lkip.backup import CadanganGagal, periksa, pulihkan


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan (manage.py cadangkan) ke basis data dan penyimpanan berkas "
        "yang kosong, setelah memeriksa checksum setiap berkas; --periksa hanya memeriksa "
        "cadangan."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", help="folder cadangan")
        parser.add_argument(
            "--periksa",
            action="store_true",
            dest="hanya_periksa",
            help="hanya periksa checksum, tanpa memulihkan",
        )

    def handle(self, *args, folder: str, hanya_periksa: bool, **options) -> None:
        try:
            if hanya_periksa:
                manifest = periksa(Path(folder))
                self.stdout.write(
                    f"Cadangan utuh: {len(manifest['berkas'])} berkas sesuai checksum."
                )
                return
            manifest = pulihkan(Path(folder))
        except CadanganGagal as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Dipulihkan dari {folder}: basis data dan {len(manifest['berkas'])} berkas, "
            "checksum cocok."
        )
