"""python manage.py generate_demo_city --agencies 40 --years 3 --seed 1 [--pemda 30]"""

from django.core.management.base import BaseCommand, CommandError

from demo.kota import RINCIAN_PENUH, KotaSudahAda, KotaSudahDibuat, buat_kota, nama_pemda


class Command(BaseCommand):
    help = (
        "Membuat kota sintetis di samping perangkat daerah demo (Pemerintah Kota Bekasi): "
        "perangkat daerah dengan IKU, target dan realisasi triwulanan, indikator program dan ±300 "
        "baris anggaran per tahun. Dengan --pemda N: provinsi sintetis, N pemda masing-masing "
        "dengan kota seperti itu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--agencies", type=int, default=40, help="jumlah perangkat daerah per pemda (1–43)"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=3,
            help="jumlah tahun mulai 2024 (1–5); tahun terakhir berjalan",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="bilangan acak awal: seed sama, data sama"
        )
        parser.add_argument(
            "--rincian",
            type=int,
            default=RINCIAN_PENUH,
            help=(
                f"sub-kegiatan per kegiatan (1–{RINCIAN_PENUH}; {RINCIAN_PENUH} ≈ 300 baris per "
                "tahun)"
            ),
        )
        parser.add_argument(
            "--pemda",
            type=int,
            default=1,
            help=(
                "jumlah pemda (1–99): pemda 1 adalah Kota Bekasi, pemda 2 dst. 'Pemerintah Kota "
                "Sintetis N'; pemda yang kotanya sudah ada dilewati"
            ),
        )

    def handle(
        self, *args, agencies: int, years: int, seed: int, rincian: int, pemda: int, **options
    ):
        if not 1 <= pemda <= 99:
            raise CommandError(f"--pemda: jumlah pemda harus antara 1 dan 99, bukan {pemda}.")
        for ke in range(1, pemda + 1):
            try:
                hasil = buat_kota(agencies, years, seed, rincian=rincian, pemda_ke=ke)
            except KotaSudahDibuat as exc:
                if pemda == 1:
                    raise CommandError(str(exc)) from exc
                self.stdout.write(f"{nama_pemda(ke)}: kota sintetis sudah ada, dilewati.")
                continue
            except (KotaSudahAda, ValueError) as exc:
                raise CommandError(str(exc)) from exc
            prefix = "" if pemda == 1 else f"{nama_pemda(ke)}: "
            self.stdout.write(
                f"{prefix}Kota sintetis dibuat dalam {hasil.detik:.1f} detik: {hasil.opd} "
                f"perangkat daerah, {hasil.indikator} indikator, {hasil.target} target, "
                f"{hasil.realisasi} realisasi, {hasil.anggaran} baris anggaran, {hasil.pengguna} "
                "pengguna (kata sandi demo)."
            )
            if hasil.galat_sengaja and pemda == 1:
                jenis = {
                    "bud2": "realisasi melebihi pagu",
                    "bud3": "realisasi kegiatan ≠ jumlah sub-kegiatan",
                    "data1": "IKU tanpa target",
                }
                self.stdout.write("Galat data yang disengaja:")
                for kode, kind in sorted(hasil.galat_sengaja.items()):
                    self.stdout.write(f"  {kode}: {jenis[kind]}")
