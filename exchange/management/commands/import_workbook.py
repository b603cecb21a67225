from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.importer import HasilImpor
from exchange.workbook import BATAS_UKURAN, impor_xlsx
from lkip.models import kode_opd_validator


def cetak_pratinjau(out, result: HasilImpor, *, semua: bool = False) -> None:
    """The preview as text: counts, created and changed rows (old → new), warnings, errors."""
    out.write(f"Ringkasan: {result.ringkasan()}.")
    for sheet, baru, ubah, tetap, hapus in result.per_sheet():
        dihapus = f" {hapus:>6} dihapus" if hapus else ""
        out.write(
            f"  {sheet:<20} {baru:>6} baru {ubah:>6} diubah {tetap:>6} tidak berubah{dihapus}"
        )
    for p in result.perubahan:
        if p.aksi == "baru":
            out.write(f"+ {p.sheet}: {p.kunci}")
        elif p.aksi == "ubah":
            detail = "; ".join(f"{name}: {old} → {new}" for name, old, new in p.detail)
            out.write(f"~ {p.sheet}: {p.kunci}: {detail}")
        elif p.aksi == "hapus":
            out.write(f"- {p.sheet}: {p.kunci}")
        elif semua:
            out.write(f"= {p.sheet}: {p.kunci}")
    for m in result.peringatan:
        out.write(f"Peringatan — {m}")
    for m in result.errors:
        out.write(str(m))


class Command(BaseCommand):
    help = (
        "Mengimpor workbook pertukaran (.xlsx) satu perangkat daerah, atau tingkat pemda bila "
        "sheet pertamanya Pemda: semua atau tidak sama sekali. Mencetak pratinjau (baru, "
        "diubah lama → baru, tidak berubah) dan setiap "
        "kesalahan; keluar dengan kode 1 bila ada kesalahan."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("berkas", nargs="?", help="workbook .xlsx yang diimpor")
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya pratinjau; tidak ada yang disimpan"
        )
        parser.add_argument("--org", help="kode perangkat daerah yang wajib sama dengan workbook")

    def handle(self, *args, berkas: str | None, dry_run: bool, org: str | None, **options) -> None:
        if not berkas:
            raise CommandError(
                "Sebutkan berkas workbook, mis. import_workbook data.xlsx [--dry-run] [--org kode]."
            )
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas '{berkas}' tidak ditemukan.")
        if org is not None:
            org = org.strip().lower()
            try:
                kode_opd_validator(org)
            except Exception:
                raise CommandError(
                    f"Kode perangkat daerah '{org}' tidak sah: gunakan huruf kecil, angka dan "
                    "tanda hubung, mis. dinsos-kota-bekasi."
                ) from None
        if path.stat().st_size > BATAS_UKURAN:
            raise CommandError(
                f"Berkas '{berkas}' melebihi batas ukuran {BATAS_UKURAN // 1024 // 1024} MB."
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas '{berkas}' tidak dapat dibaca: {exc.strerror}.") from None
        result = impor_xlsx(
            data, opd_kode=org, dry_run=dry_run, alasan="Impor workbook (perintah import_workbook)"
        )
        cetak_pratinjau(self.stdout, result, semua=options["verbosity"] >= 2)
        if not result.ok:
            self.stdout.write(
                f"Impor ditolak: {len(result.errors)} kesalahan; tidak ada yang disimpan."
            )
            raise SystemExit(1)
        if dry_run:
            self.stdout.write("Pratinjau saja (--dry-run): tidak ada yang disimpan.")
        else:
            if result.pemda_kode:
                self.stdout.write(f"Impor diterapkan untuk pemda '{result.pemda_kode}'.")
            else:
                self.stdout.write(f"Impor diterapkan untuk perangkat daerah '{result.opd_kode}'.")
