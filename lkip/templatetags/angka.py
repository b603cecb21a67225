"""Display filters: Indonesian notation from the formulas module (no arithmetic here)."""

from django import template

from lkip import formulas

register = template.Library()


@register.filter
def angka(value, tempat=None):
    if value is None or value == "":
        return "—"
    return formulas.format_angka(
        value, int(tempat) if tempat not in (None, "") else formulas.tempat_nilai(value)
    )


@register.filter
def rupiah(value):
    return "—" if value is None else formulas.format_angka(value, 0)


@register.filter
def persen(value):
    return "—" if value is None else formulas.format_persen(value)
