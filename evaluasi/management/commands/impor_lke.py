"""Import a worksheet's answers from xlsx (layout: evaluasi/impor.py and the README)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluasi.impor import ImporDitolak, impor_xlsx


class Command(BaseCommand):
    help = (
        "Impor jawaban LKE (sheet Jawaban: kode_opd, tahun, kriteria, jawaban_mandiri, penjelasan, "
        "jawaban_evaluator, catatan_evaluator; sheet Kualifikasi opsional). Semua atau tidak sama "
        "sekali."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", help="berkas .xlsx")

    def handle(self, *args, berkas: str, **options) -> None:
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas '{berkas}' tidak ditemukan.")
        try:
            hasil = impor_xlsx(path.read_bytes())
        except ImporDitolak as exc:
            for m in exc.masalah:
                self.stderr.write(str(m))
            raise CommandError(
                f"Impor ditolak: {len(exc.masalah)} masalah; tidak ada yang disimpan."
            ) from None
        self.stdout.write(
            "Impor selesai: "
            + ", ".join(f"{n} {label} berubah" for label, n in hasil.items())
            + "."
        )
