"""Print an agency's evaluation of AKIP: each component, the total and the predicate."""

from django.core.management.base import BaseCommand, CommandError

from evaluasi.models import Evaluasi
from evaluasi.skor import lembar_skor
from lkip import formulas


class Command(BaseCommand):
    help = (
        "Nilai evaluasi AKIP (LKE) satu perangkat daerah: setiap komponen, total dan predikat. "
        "Keluar dengan kode 1 bila evaluasinya belum final."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="kode perangkat daerah")
        parser.add_argument("--year", required=True, type=int, help="tahun evaluasi (n)")

    def handle(self, *args, org: str, year: int, **options) -> None:
        evaluasi = (
            Evaluasi.objects.filter(opd__kode=org, tahun=year)
            .select_related("opd", "lembar")
            .first()
        )
        if evaluasi is None:
            raise CommandError(f"Tidak ada evaluasi AKIP {year} untuk perangkat daerah '{org}'.")
        skor = lembar_skor(evaluasi)
        f = formulas.format_angka
        self.stdout.write(
            f"Evaluasi AKIP {year} (kinerja {evaluasi.tahun_kinerja}) {evaluasi.opd.nama}: "
            f"{evaluasi.get_status_display()}"
        )
        for k in skor.komponen:
            self.stdout.write(
                f"{k.komponen.kode}. {k.komponen.nama}: {f(k.nilai_akhir)} "
                f"dari {f(k.komponen.bobot)}"
            )
        self.stdout.write(f"Total: {f(skor.total_akhir)}")
        self.stdout.write(f"Predikat: {skor.predikat_akhir}")
        if not evaluasi.adalah_final:
            raise CommandError(
                f"Evaluasi belum final (status: {evaluasi.get_status_display()}); nilai di atas "
                "adalah nilai evaluator sementara."
            )
