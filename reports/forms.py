from django import forms

from reports.models import NarasiLaporan


class NarasiForm(forms.ModelForm):
    class Meta:
        model = NarasiLaporan
        fields = ["judul", "teks"]
        labels = {"judul": "Judul bagian", "teks": "Teks"}
        help_texts = {
            "teks": "Teks biasa, paling banyak 20.000 karakter. Pisahkan paragraf dengan satu "
            "baris kosong; butir daftar diawali '1.', 'a.' atau '-'. Angka capaian, serapan dan "
            "anggaran tidak perlu diketik: laporan menghitungnya dari data.",
        }
        widgets = {"teks": forms.Textarea(attrs={"rows": 18})}


# --- The approval workflow (reports.views_workflow) ---------------------------------------------


def _teks(
    label: str, *, required: bool = True, rows: int = 3, max_length: int = 2000, pesan: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": pesan or f"{label} wajib diisi.",
            "max_length": f"{label} paling banyak {max_length} karakter.",
        },
    )


class AjukanForm(forms.Form):
    catatan = _teks("Catatan untuk Kepala Dinas (opsional)", required=False, rows=2)


class AlasanForm(forms.Form):
    alasan = _teks("Alasan")


class KomentarForm(forms.Form):
    acuan = forms.ChoiceField(
        label="Bab atau tabel yang dikomentari",
        error_messages={
            "required": "Pilih bab atau tabel yang dikomentari.",
            "invalid_choice": "Bab atau tabel itu tidak ada dalam laporan ini.",
        },
    )
    teks = _teks("Komentar", rows=4, max_length=5000)

    def __init__(self, *args, pilihan: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acuan"].choices = [("", "— pilih bab atau tabel —"), *pilihan]


class TandatanganiForm(forms.Form):
    alasan_revisi = _teks("Alasan revisi", required=False)
    setuju = forms.BooleanField(
        label=(
            "Saya telah membaca LKIP ini, menyetujuinya, dan menandatanganinya secara elektronik."
        ),
        error_messages={"required": "Centang pernyataan persetujuan untuk menandatangani."},
    )


class VerifikasiForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas PDF LKIP",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": "Pilih berkas PDF yang akan diperiksa.",
            "empty": "Berkas yang dipilih kosong.",
            "invalid": "Kirim berkas melalui formulir unggah.",
        },
    )


class AkuiTemuanForm(forms.Form):
    """Acknowledge chosen data-health warnings with one reason (reports.health.pengakuan)."""

    temuan = forms.MultipleChoiceField(
        label="Peringatan yang diakui",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Pilih sekurang-kurangnya satu peringatan.",
            "invalid_choice": "Peringatan yang dipilih sudah berubah atau tidak ada lagi (datanya "
            "diubah); periksa daftar terbaru lalu akui lagi.",
        },
    )
    alasan = _teks(
        "Alasan",
        pesan="Alasan pengakuan peringatan wajib diisi.",
    )

    def __init__(self, *args, sidik: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["temuan"].choices = [(s, s) for s in sidik]
