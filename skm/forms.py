"""The public questionnaire and the Perencana's small forms (exclusion reason, paper import)."""

from __future__ import annotations

from django import forms

from skm.models import JenisKelamin, KelompokUmur, Pekerjaan, Pendidikan, PengaturanSurvei
from skm.unsur import Pertanyaan

_TIDAK_MENJAWAB = [("", "— tidak ingin menjawab —")]


class JawabanForm(forms.Form):
    """Nine radio groups (all required), the optional respondent fields, a comment, a honeypot."""

    #: Hidden from people by the stylesheet and from screen readers; bots fill every field.
    situs_web = forms.CharField(required=False, label="Jangan diisi", max_length=200)
    mulai = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self, *args, pertanyaan: list[Pertanyaan], pengaturan: PengaturanSurvei | None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.pertanyaan = pertanyaan
        for p in pertanyaan:
            self.fields[p.kolom] = forms.TypedChoiceField(
                label=p.pertanyaan,
                choices=p.pilihan,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Pilih salah satu jawaban untuk pertanyaan {p.kode[1:]}.",
                    "invalid_choice": f"Jawaban pertanyaan {p.kode[1:]} harus salah satu pilihan.",
                },
            )
        p = pengaturan or PengaturanSurvei()
        opsional = [
            (p.tanya_umur, "kelompok_umur", "Kelompok umur", KelompokUmur.choices),
            (p.tanya_jenis_kelamin, "jenis_kelamin", "Jenis kelamin", JenisKelamin.choices),
            (p.tanya_pendidikan, "pendidikan", "Pendidikan terakhir", Pendidikan.choices),
            (p.tanya_pekerjaan, "pekerjaan", "Pekerjaan", Pekerjaan.choices),
        ]
        self.isian_responden = []
        for tanya, nama, label, choices in opsional:
            if tanya:
                self.fields[nama] = forms.ChoiceField(
                    label=label, choices=_TIDAK_MENJAWAB + list(choices), required=False
                )
                self.isian_responden.append(nama)
        if p.tanya_layanan:
            self.fields["layanan"] = forms.CharField(
                label="Layanan yang Anda terima", required=False, max_length=200
            )
            self.isian_responden.append("layanan")
        self.fields["komentar"] = forms.CharField(
            label="Saran dan komentar (boleh dikosongkan)",
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    @property
    def kolom_jawaban(self):
        return [(p, self[p.kolom]) for p in self.pertanyaan]

    @property
    def kolom_responden(self):
        return [self[n] for n in self.isian_responden]


class PengecualianForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan",
        max_length=300,
        error_messages={"required": "Alasan wajib diisi: jawaban tidak dikecualikan tanpa alasan."},
    )


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Workbook jawaban kuesioner kertas (.xlsx)",
        error_messages={"required": "Pilih berkas .xlsx yang akan diimpor."},
    )
