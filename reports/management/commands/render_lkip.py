from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lkip.models import Pemda, PerangkatDaerah
from reports.aturan_pemda import aturan_pemda
from reports.laporan import (
    LaporanTidakDitemukan,
    build_laporan,
    render_docx,
    render_html,
    render_pdf,
    render_xlsx,
)
from reports.laporan.batas import TANPA_PDF
from reports.models import DokumenTertandatangani


class Command(BaseCommand):
    help = (
        "Membuat LKIP satu perangkat daerah (--org) atau LKIP pemda sendiri (--pemda, LKIP "
        "kepala daerah) untuk satu tahun sebagai HTML, PDF, XLSX atau DOCX "
        "(draf Word yang dapat diubah); dengan --signed menulis PDF tertandatangani revisi "
        "terakhir persis seperti tersimpan."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="kode perangkat daerah, mis. dinsos-kota-bekasi")
        parser.add_argument("--pemda", help="kode pemda: LKIP pemda sendiri (kepala daerah)")
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")
        parser.add_argument(
            "--format",
            choices=["html", "pdf", "xlsx", "docx"],
            dest="fmt",
            help="wajib kecuali dengan --signed (selalu PDF)",
        )
        parser.add_argument("--output", required=True, help="berkas keluaran")
        parser.add_argument(
            "--pdfa", action="store_true", help="PDF/A-3b untuk arsip (hanya --format pdf)"
        )
        parser.add_argument(
            "--signed",
            action="store_true",
            help="PDF yang sudah ditandatangani secara elektronik (revisi terakhir)",
        )

    def handle(
        self,
        *args,
        org: str | None,
        pemda: str | None,
        year: str,
        fmt: str | None,
        output: str,
        pdfa: bool,
        signed: bool,
        **options,
    ) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"Tahun '{year}' tidak sah: gunakan empat angka, mis. 2024.")
        if bool(org) == bool(pemda):
            raise CommandError("Sebutkan tepat satu: --org <kode> atau --pemda <kode>.")
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Folder '{target.parent}' tidak ada.")
        if signed:
            self._signed(org, pemda, int(year), fmt, target)
            return
        if fmt is None:
            raise CommandError(
                "Pilih --format html, pdf, xlsx atau docx (atau --signed untuk PDF "
                "tertandatangani)."
            )
        try:
            if pemda:
                aturan = aturan_pemda()
                try:
                    laporan = aturan.bangun_draf(pemda, int(year))
                except aturan.tidak_ditemukan as exc:
                    raise CommandError(str(exc)) from exc
            else:
                laporan = build_laporan(org, int(year))
        except LaporanTidakDitemukan as exc:
            raise CommandError(str(exc)) from exc
        if fmt == "html":
            target.write_text(render_html(laporan), encoding="utf-8")
        elif fmt == "pdf":
            try:
                pdf = render_pdf(laporan, pdf_variant="pdf/a-3b" if pdfa else None)
            except TANPA_PDF as exc:
                raise CommandError(exc.pesan) from exc
            target.write_bytes(pdf)
        elif fmt == "docx":
            target.write_bytes(render_docx(laporan))
        else:
            target.write_bytes(render_xlsx(laporan))
        self.stdout.write(
            f"{laporan.judul}: {target} ({target.stat().st_size:,} bita).".replace(",", ".")
        )

    def _signed(
        self, org: str | None, pemda: str | None, year: int, fmt: str | None, target: Path
    ) -> None:
        if fmt not in (None, "pdf"):
            raise CommandError(
                "--signed hanya menghasilkan PDF: hapus --format atau gunakan --format pdf."
            )
        if pemda:
            opd = Pemda.objects.filter(kode=pemda).first()
            if opd is None:
                raise CommandError(f"Pemda dengan kode '{pemda}' tidak ditemukan.")
            laporan = {"laporan__pemda": opd, "laporan__opd__isnull": True}
        else:
            opd = PerangkatDaerah.objects.filter(kode=org).first()
            if opd is None:
                raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
            laporan = {"laporan__opd": opd}
        dokumen = (
            DokumenTertandatangani.objects.filter(**laporan, laporan__tahun=year)
            .order_by("-revisi")
            .first()
        )
        if dokumen is None:
            raise CommandError(f"LKIP {opd.nama} {year} belum ditandatangani.")
        target.write_bytes(bytes(dokumen.pdf))
        ukuran = f"{target.stat().st_size:,}".replace(",", ".")
        self.stdout.write(
            f"LKIP {opd.nama} {year} revisi {dokumen.revisi} tertandatangani: {target} "
            f"({ukuran} bita, SHA-256 {dokumen.sha256})."
        )
