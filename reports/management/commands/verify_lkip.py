from pathlib import Path

from django.core.management.base import BaseCommand

from reports.verifikasi import MAKS_UKURAN, Verdikt, verifikasi_pdf


class Command(BaseCommand):
    help = (
        "Memeriksa apakah sebuah PDF persis LKIP tertandatangani dari aplikasi ini dan tanda "
        "tangannya sah. Kode keluar 0 bila sah, 1 bila tidak."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", help="berkas PDF yang diperiksa")

    def handle(self, *args, berkas: str, **options) -> None:
        path = Path(berkas)
        if not path.is_file():
            verdikt = Verdikt(False, f"berkas '{berkas}' tidak ditemukan.")
        elif path.stat().st_size > MAKS_UKURAN:
            verdikt = Verdikt(
                False, f"berkas terlalu besar; batasnya {MAKS_UKURAN // 1024 // 1024} MB."
            )
        else:
            verdikt = verifikasi_pdf(path.read_bytes())
        self.stdout.write(verdikt.teks())
        if not verdikt.sah:
            raise SystemExit(1)
