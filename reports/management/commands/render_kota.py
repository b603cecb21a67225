import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lkip.models import Pemda
from reports.antrian import kota


class Command(BaseCommand):
    help = (
        "Menyusun ulang LKIP semua perangkat daerah satu pemda untuk satu tahun melalui antrean "
        "pekerja latar (db_worker); dengan --tunggu menampilkan kemajuannya sampai selesai."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--pemda",
            required=True,
            help="nomor (id) atau nama pemda, mis. 'Pemerintah Kota Bekasi'",
        )
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")
        parser.add_argument(
            "--tunggu",
            action="store_true",
            help="tunggu sampai semua selesai (kode keluar 1 bila ada yang gagal)",
        )

    def handle(self, *args, pemda: str, year: str, tunggu: bool, **options) -> None:
        try:
            tahun = int(year)
        except ValueError as exc:
            raise CommandError(f"--year: '{year}' bukan tahun (contoh: 2024).") from exc
        found = Pemda.objects.filter(pk=int(pemda)) if pemda.isdigit() else None
        found = found if found is not None and found.exists() else Pemda.objects.filter(nama=pemda)
        target = found.first()
        if target is None:
            raise CommandError(
                f"--pemda: pemda '{pemda}' tidak ditemukan (beri nomor atau nama persisnya)."
            )
        jumlah = kota.susun_ulang(target, tahun)
        if not jumlah:
            raise CommandError(
                f"{target.nama} tidak memiliki perangkat daerah dengan Renstra yang mencakup "
                f"tahun {tahun}."
            )
        self.stdout.write(
            f"{jumlah} LKIP {target.nama} tahun {tahun} diantrekan untuk disusun ulang "
            "(pekerja: manage.py db_worker)."
        )
        if not tunggu:
            return
        terakhir, berubah = None, time.monotonic()
        # No render lasts longer than the worker's limit: that long without any progress means no
        # worker takes the queue.
        sabar = 2 * settings.LKIP_RENDER_BATAS_DETIK
        while True:
            k = kota.kemajuan(target, tahun)
            baris = f"{k.selesai + len(k.gagal)}/{k.total} selesai, {len(k.gagal)} gagal"
            if baris != terakhir:
                self.stdout.write(baris)
                terakhir, berubah = baris, time.monotonic()
            if k.tuntas:
                break
            if time.monotonic() - berubah > sabar:
                raise CommandError(
                    f"Tidak ada kemajuan selama {sabar} detik ({baris}). Apakah pekerja latar "
                    "berjalan (manage.py db_worker)? Antrean tetap tersimpan; pantau lagi dengan "
                    "halaman susun ulang di peramban."
                )
            time.sleep(1)
        for nama, pesan in k.gagal:
            self.stderr.write(f"GAGAL {nama}: {pesan}")
        if k.gagal:
            raise SystemExit(1)
