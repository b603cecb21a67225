"""Print a year's SKM result of an agency: NRR per unsur, IKM (1–4 and 25–100) and mutu."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lkip import formulas
from lkip.models import PerangkatDaerah
from skm.hasil import hasil_tahun


class Command(BaseCommand):
    help = "Hitung IKM (PermenPANRB 14/2017) dari jawaban survei; kode keluar 1 bila tanpa jawaban."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="kode perangkat daerah")
        parser.add_argument("--year", type=int, required=True, help="tahun survei")

    def handle(self, *args, org: str, year: int, **options) -> None:
        opd = PerangkatDaerah.objects.filter(kode=org).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        h = hasil_tahun(opd, year)
        t = h.total
        if t.responden == 0:
            raise CommandError(f"Belum ada jawaban survei {opd.nama} tahun {year}.")
        if t.ikm is None:
            raise CommandError(t.galat)
        f = formulas.format_angka
        self.stdout.write(f"{opd.nama}, Survei Kepuasan Masyarakat {year}")
        self.stdout.write(f"{'Unsur':<46} {'NRR':>6} {'Menjawab':>9}  Mutu")
        for kode, nama, nrr, _konversi, n, mutu in t.nrr:
            self.stdout.write(f"{kode} {nama:<43} {f(nrr, 2):>6} {f(n, 0):>9}  {mutu.huruf}")
        self.stdout.write(f"IKM (skala 1–4)      {f(t.ikm.ikm, 4)}")
        self.stdout.write(f"IKM (konversi 25–100) {f(t.konversi, 2)}")
        self.stdout.write(f"Mutu pelayanan       {t.mutu.huruf} ({t.mutu.kinerja})")
        self.stdout.write(
            f"Responden            {f(t.responden, 0)} ({h.dikecualikan} dikecualikan)"
        )
        kode, nama, nrr = t.terlemah
        self.stdout.write(f"Unsur terlemah       {kode} {nama} ({f(nrr, 2)})")
        self.stdout.write(f"Penimbang            {h.keterangan_penimbang}")
