from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lkip.backup import CadanganGagal, cadangkan


class Command(BaseCommand):
    help = (
        "Mencadangkan basis data dan semua berkas tersimpan (bukti, dokumen bertanda tangan, "
        "sertifikat) ke folder kosong, dengan manifest berisi checksum SHA-256."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", help="folder tujuan (baru atau kosong)")

    def handle(self, *args, folder: str, **options) -> None:
        try:
            manifest = cadangkan(Path(folder))
        except CadanganGagal as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Cadangan selesai di {folder}: basis data {manifest['basis_data']['jenis']} "
            f"({manifest['basis_data']['ukuran']} bita) dan {len(manifest['berkas'])} berkas."
        )
