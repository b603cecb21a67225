from django.core.management.base import BaseCommand, CommandError

from demo.opd import DEMO_OPD, DEMO_PASSWORD, DEMO_TAHUN, load_demo
from lkip.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Memuat perangkat daerah demo (Dinas Sosial Kota Bekasi, LKIP 2024) dan pengguna demo."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help=(
                "Muat hanya bila perangkat daerah demo belum ada (bin/start: data yang sudah "
                "diubah pengguna dibiarkan, dan LKIP yang sudah diajukan tidak menghentikan "
                "server)."
            ),
        )

    def handle(self, *args, **options) -> None:
        if options["if_missing"]:
            if PerangkatDaerah.objects.filter(kode=DEMO_OPD).exists():
                self.stdout.write(
                    f"Perangkat daerah demo '{DEMO_OPD}' sudah ada; tidak dimuat ulang "
                    "(jalankan 'manage.py load_demo' untuk mengembalikan datanya ke isi seed)."
                )
                return
        result, users = load_demo()
        if not result.ok:
            for masalah in result.errors:
                self.stderr.write(str(masalah))
            raise CommandError("Data demo tidak dimuat karena ada kesalahan di atas.")
        self.stdout.write(
            f"Perangkat daerah demo '{DEMO_OPD}' tahun {DEMO_TAHUN}: {result.ringkasan()}."
        )
        self.stdout.write("Pengguna demo (kata sandi untuk semua: " + DEMO_PASSWORD + "):")
        for user in users:
            status = "dibuat" if user.created else "sudah ada"
            self.stdout.write(f"  {user.username:<22} {user.role:<14} {status}")
