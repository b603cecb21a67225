"""python manage.py generate_demo_city --agencies 40 --years 3 --seed 1"""

from django.core.management.base import BaseCommand, CommandError

from demo.kota import RINCIAN_PENUH, KotaSudahAda, buat_kota


class Command(BaseCommand):
    help = (
        "Membuat kota sintetis di samping perangkat daerah demo (Pemerintah Kota Bekasi): "
        "perangkat daerah dengan IKU, target dan realisasi triwulanan, indikator program dan ±300 "
        "baris anggaran per tahun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--agencies", type=int, default=40, help="jumlah perangkat daerah (1–43)"
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

    def handle(self, *args, agencies: int, years: int, seed: int, rincian: int, **options):
        try:
            hasil = buat_kota(agencies, years, seed, rincian=rincian)
        except (KotaSudahAda, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Kota sintetis dibuat dalam {hasil.detik:.1f} detik: {hasil.opd} perangkat daerah, "
            f"{hasil.indikator} indikator, {hasil.target} target, {hasil.realisasi} realisasi, "
            f"{hasil.anggaran} baris anggaran, {hasil.pengguna} pengguna (kata sandi demo)."
        )
        if hasil.galat_sengaja:
            jenis = {
                "bud2": "realisasi melebihi pagu",
                "bud3": "realisasi kegiatan ≠ jumlah sub-kegiatan",
                "data1": "IKU tanpa target",
            }
            self.stdout.write("Galat data yang disengaja:")
            for kode, kind in sorted(hasil.galat_sengaja.items()):
                self.stdout.write(f"  {kode}: {jenis[kind]}")
