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


#: How a data-health finding's level reads on every screen and in the report.
TINGKAT_TEMUAN = {"error": "kesalahan", "warning": "peringatan"}


@register.filter
def tingkat_temuan(value):
    """One word per level everywhere: "kesalahan" (blocks submission), "peringatan"."""
    return TINGKAT_TEMUAN.get(str(value), value)


@register.filter
def boleh_dibuka(url: str, user) -> bool:
    """`{% if url|boleh_dibuka:user %}`: offer a link only to a user the view would let in."""
    from lkip.menu import boleh_membuka

    return boleh_membuka(user, url)
