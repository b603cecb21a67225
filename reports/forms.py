from django import forms

from reports.models import NarasiLaporan


class NarasiForm(forms.ModelForm):
    class Meta:
        model = NarasiLaporan
        fields = ["judul", "teks"]
        labels = {"judul": "Judul bagian", "teks": "Teks"}
        help_texts = {
            "teks": "Teks biasa. Pisahkan paragraf dengan satu baris kosong; butir daftar diawali "
                    "'1.', 'a.' atau '-'. Angka capaian, serapan dan anggaran tidak perlu diketik: "
                    "laporan menghitungnya dari data.",
        }
        widgets = {"teks": forms.Textarea(attrs={"rows": 18})}
