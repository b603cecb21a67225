from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.laporan import LaporanTidakDitemukan, build_laporan, render_html, render_pdf, render_xlsx


class Command(BaseCommand):
    help = "Membuat LKIP satu perangkat daerah untuk satu tahun sebagai HTML, PDF atau XLSX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="kode perangkat daerah, mis. dinsos-kota-bekasi")
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")
        parser.add_argument("--format", required=True, choices=["html", "pdf", "xlsx"], dest="fmt")
        parser.add_argument("--output", required=True, help="berkas keluaran")
        parser.add_argument("--pdfa", action="store_true", help="PDF/A-3b untuk arsip (hanya --format pdf)")

    def handle(self, *args, org: str, year: str, fmt: str, output: str, pdfa: bool, **options) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"Tahun '{year}' tidak sah: gunakan empat angka, mis. 2024.")
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Folder '{target.parent}' tidak ada.")
        try:
            laporan = build_laporan(org, int(year))
        except LaporanTidakDitemukan as exc:
            raise CommandError(str(exc)) from exc
        if fmt == "html":
            target.write_text(render_html(laporan), encoding="utf-8")
        elif fmt == "pdf":
            target.write_bytes(render_pdf(laporan, pdf_variant="pdf/a-3b" if pdfa else None))
        else:
            target.write_bytes(render_xlsx(laporan))
        self.stdout.write(f"{laporan.judul}: {target} ({target.stat().st_size:,} bita).".replace(",", "."))
