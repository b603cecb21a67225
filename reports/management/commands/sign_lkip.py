from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lkip.models import PerangkatDaerah
from reports import workflow
from reports.laporan.batas import RenderTerputus
from reports.signing import url_verifikasi


class Command(BaseCommand):
    help = (
        "Menyetujui dan menandatangani LKIP secara elektronik atas nama Kepala Dinas "
        "(layanan yang sama dengan tombol di peramban)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--org", required=True, help="kode perangkat daerah, mis. dinsos-kota-bekasi"
        )
        parser.add_argument("--year", required=True, help="tahun laporan, mis. 2024")
        parser.add_argument(
            "--as", required=True, dest="sebagai", help="nama pengguna Kepala Dinas"
        )
        parser.add_argument(
            "--revisi-alasan",
            default="",
            dest="alasan",
            help="alasan revisi (wajib bila LKIP ini pernah ditandatangani)",
        )

    def handle(self, *args, org: str, year: str, sebagai: str, alasan: str, **options) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"Tahun '{year}' tidak sah: gunakan empat angka, mis. 2024.")
        user = get_user_model().objects.filter(username=sebagai, is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna '{sebagai}' tidak ditemukan atau tidak aktif.")
        opd = PerangkatDaerah.objects.select_related("pemda").filter(kode=org).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah dengan kode '{org}' tidak ditemukan.")
        lap = workflow.laporan_tahunan(opd, int(year))
        if lap is None:
            raise CommandError(
                f"{opd.nama} tidak memiliki periode Renstra yang memuat tahun {year}."
            )
        try:
            dokumen = workflow.setujui_dan_tandatangani(lap, user, alasan)
        except RenderTerputus as exc:
            raise CommandError(exc.pesan) from exc
        except workflow.AlurDitolak as exc:
            raise CommandError(exc.pesan) from exc
        self.stdout.write(
            f"LKIP {opd.nama} {year} revisi {dokumen.revisi} disetujui dan ditandatangani."
        )
        self.stdout.write(f"  Penanda tangan: {dokumen.nama_penandatangan}")
        self.stdout.write(f"  Sertifikat: {dokumen.sertifikat_subjek}")
        self.stdout.write(f"  SHA-256: {dokumen.sha256}")
        self.stdout.write(f"  Verifikasi: {url_verifikasi(dokumen.pk)}")
