from django.core.management.base import BaseCommand, CommandError

from lkip.demo import DEMO_OPD, DEMO_PASSWORD, DEMO_TAHUN, load_demo


class Command(BaseCommand):
    help = "Memuat perangkat daerah demo (Dinas Sosial Kota Bekasi, LKIP 2024) dan pengguna demo."

    def handle(self, *args, **options) -> None:
        result, users = load_demo()
        if not result.ok:
            for masalah in result.errors:
                self.stderr.write(str(masalah))
            raise CommandError("Data demo tidak dimuat karena ada kesalahan di atas.")
        self.stdout.write(f"Perangkat daerah demo '{DEMO_OPD}' tahun {DEMO_TAHUN}: {result.ringkasan()}.")
        self.stdout.write("Pengguna demo (kata sandi untuk semua: " + DEMO_PASSWORD + "):")
        for user in users:
            status = "dibuat" if user.created else "sudah ada"
            self.stdout.write(f"  {user.username:<22} {user.role:<14} {status}")
