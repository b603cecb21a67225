"""Forms for targets and realisations; numbers typed in Indonesian notation."""

from decimal import Decimal

from django import forms

from indicators.models import Indikator
from lkip import formulas
from lkip.models import PerangkatDaerah
from targets.models import Periode, Realisasi


class AngkaField(forms.CharField):
    """A number as people type it (1.234,56 / Rp 4.103.700.625,- / 12%), read by the shared parser."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return formulas.parse_angka(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="angka") from exc


class RealisasiForm(forms.ModelForm):
    nilai = AngkaField(label="Nilai realisasi")
    pembilang = AngkaField(label="Pembilang")
    penyebut = AngkaField(label="Penyebut")
    periode = forms.TypedChoiceField(
        choices=Periode.choices, coerce=int,
        error_messages={"invalid_choice": "Periode harus TAHUNAN atau triwulan 1–4."},
    )

    class Meta:
        model = Realisasi
        fields = ["indikator", "tahun", "periode", "nilai", "pembilang", "penyebut", "predikat",
                  "faktor_pendukung", "faktor_penghambat", "upaya", "catatan"]

    def __init__(self, *args, opd: PerangkatDaerah, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opd = opd
        # Only this agency's indicators can be chosen; anything else is "not a valid choice".
        self.fields["indikator"].queryset = Indikator.objects.filter(opd=opd)
        self.fields["indikator"].error_messages["invalid_choice"] = (
            "Indikator ini tidak ada atau bukan milik perangkat daerah Anda."
        )
