from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.workbook import TeksTerlaluPanjang, export_workbook, export_workbook_pemda
from lkip.models import Pemda, PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Mengekspor seluruh data satu perangkat daerah (--org) atau data tingkat pemda (--pemda: "
        "RPJMD, IKU kepala daerah, anggaran per perangkat daerah, pembiayaan) ke workbook "
        "pertukaran .xlsx."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="kode perangkat daerah, mis. dinsos-kota-bekasi")
        parser.add_argument("--pemda", help="kode pemda (workbook tingkat pemda)")
        parser.add_argument("--output", help="berkas .xlsx yang ditulis")

    def handle(
        self, *args, org: str | None, pemda: str | None, output: str | None, **options
    ) -> None:
        if org and pemda:
            raise CommandError("Pilih salah satu: --org <kode> atau --pemda <kode>.")
        if not (org or pemda):
            raise CommandError(
                "Sebutkan perangkat daerah dengan --org <kode> (mis. --org dinsos-kota-bekasi) "
                "atau pemda dengan --pemda <kode>."
            )
        if not output:
            raise CommandError("Sebutkan berkas tujuan dengan --output <berkas.xlsx>.")
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"Berkas tujuan '{output}' harus berakhiran .xlsx.")
        if not path.parent.is_dir():
            raise CommandError(f"Folder '{path.parent}' tidak ada.")
        if pemda:
            obj = Pemda.objects.filter(kode=pemda.strip().lower()).first()
            if obj is None:
                raise CommandError(f"Pemda dengan kode '{pemda}' tidak ditemukan.")
            try:
                data = export_workbook_pemda(obj)
            except TeksTerlaluPanjang as exc:
                raise CommandError(str(exc)) from None
            self._tulis(path, data, output, obj.nama)
            return
        opd = (
            PerangkatDaerah.objects.select_related("pemda").filter(kode=org.strip().lower()).first()
        )
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        try:
            data = export_workbook(opd)
        except TeksTerlaluPanjang as exc:
            raise CommandError(str(exc)) from None
        self._tulis(path, data, output, opd.nama)

    def _tulis(self, path: Path, data: bytes, output: str, nama: str) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Berkas '{output}' tidak dapat ditulis: {exc.strerror}.") from None
        self.stdout.write(f"{nama}: workbook ditulis ke {path} ({len(data) // 1024} KB).")
