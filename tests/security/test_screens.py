"""Every generic edit screen (lkip.crud.LAYAR) as two people use it: re-saving what it shows, and
a save made stale by someone else's."""

from decimal import Decimal

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client

from demo.opd import DEMO_PASSWORD
from lkip import formulas
from lkip.crud import ASAL, LAYAR
from tests.security.formulir import isian

pytestmark = pytest.mark.django_db
BASE = "/data/dinsos-kota-bekasi/"
SCREENS = sorted(LAYAR)


def _survey_record(slug: str, opd):
    """The demo has no survey set-up: one record of each survey screen, as a Perencana makes it."""
    from skm.models import JenisPeriode, PengaturanSurvei, PeriodeSurvei, UnitLayanan, Unsur

    make = {
        "skm-unit": lambda: UnitLayanan.objects.create(opd=opd, nama="Loket uji", populasi=100),
        "skm-periode": lambda: PeriodeSurvei.objects.create(
            opd=opd, tahun=2024, jenis=JenisPeriode.TRIWULAN, ke=1
        ),
        "skm-unsur": lambda: Unsur.objects.create(opd=opd, kode="U1", pertanyaan="Persyaratan"),
        "skm-pengaturan": lambda: PengaturanSurvei.objects.create(opd=opd),
    }
    if slug in make:
        make[slug]()


def _record(slug: str, opd):
    """A stored record of the screen that may be edited now (the demo has one for every screen)."""
    if not LAYAR[slug].queryset(opd).exists():
        _survey_record(slug, opd)
    obj = LAYAR[slug].queryset(opd).order_by("pk").first()
    assert obj is not None, f"the demo has no {slug} record"
    return obj


def _stored(obj) -> dict:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    values = model_to_dict(fresh)
    return {k: sorted(x.pk for x in v) if isinstance(v, list) else v for k, v in values.items()}


def _field_to_change(slug: str, data: dict) -> tuple[str, str, str]:
    """An input anyone may change (not a code or a choice), with two different values to type."""
    model = LAYAR[slug].model
    fields = []
    for name in data:
        try:
            fields.append(model._meta.get_field(name))
        except FieldDoesNotExist:
            continue
    free = [f for f in fields if not (f.choices or f.unique or f.name in ("kode", "satuan"))]
    for f in free:
        if isinstance(f, models.CharField | models.TextField) and f.name != "predikat":
            return f.name, "Diubah lebih dahulu oleh rekan", "Isian saya yang terlambat"
    for f in free:  # a screen of numbers only (targets)
        if isinstance(f, models.DecimalField):
            return f.name, "7,5", "8,25"
    for f in free:  # a screen of whole numbers or switches only (survey periods and settings)
        if isinstance(f, models.PositiveSmallIntegerField) and f.name == "ke":
            return f.name, "2", "3"
        if isinstance(f, models.BooleanField):
            return f.name, "on" if not data.get(f.name) else "", "on" if data.get(f.name) else ""
    raise AssertionError(f"{slug}: no input to change")


def _as_text(value) -> str:
    """A stored value as the form shows it (a ticked switch is "on")."""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, Decimal):
        return formulas.format_masukan(value)
    return "" if value is None else str(value)


def _shown(obj, field: str) -> str:
    return _as_text(getattr(type(obj)._default_manager.get(pk=obj.pk), field))


@pytest.mark.parametrize("slug", SCREENS)
def test_an_edit_form_saved_unchanged_saves_without_error_and_changes_nothing(
    perencana, demo, slug
):
    obj = _record(slug, demo)
    before = _stored(obj)
    page = perencana.get(f"{BASE}{slug}/{obj.pk}/")
    assert page.status_code == 200
    response = perencana.post(f"{BASE}{slug}/{obj.pk}/", isian(page.text))
    errors = response.context["form"].errors if response.context else None
    assert response.status_code == 302, errors
    assert _stored(obj) == before


def test_numbers_are_shown_in_the_indonesian_notation_the_form_accepts(perencana, demo):
    anggaran, target, ikm = (_record(slug, demo) for slug in ("anggaran", "target", "ikm"))
    type(anggaran).objects.filter(pk=anggaran.pk).update(pagu_murni=Decimal("12662367600.00"))
    type(target).objects.filter(pk=target.pk).update(nilai=Decimal("77.260000"))
    type(ikm).objects.filter(pk=ikm.pk).update(nilai=Decimal("93.45"))
    assert isian(perencana.get(f"{BASE}anggaran/{anggaran.pk}/").text)["pagu_murni"] == [
        "12.662.367.600"
    ]
    assert isian(perencana.get(f"{BASE}target/{target.pk}/").text)["nilai"] == ["77,26"]
    assert isian(perencana.get(f"{BASE}ikm/{ikm.pk}/").text)["nilai"] == ["93,45"]


@pytest.mark.parametrize("slug", SCREENS)
def test_a_stale_save_is_refused_shows_what_changed_and_keeps_what_was_typed(perencana, demo, slug):
    obj = _record(slug, demo)
    url = f"{BASE}{slug}/{obj.pk}/"
    mine = isian(perencana.get(url).text)
    assert mine.get(ASAL), "the edit form carries the record as it showed it"
    other = Client()
    assert other.login(username="perencana.dinsos", password=DEMO_PASSWORD)
    theirs = isian(other.get(url).text)
    field, their_value, my_value = _field_to_change(slug, theirs)
    theirs[field] = [their_value]
    assert other.post(url, theirs).status_code == 302

    mine[field] = [my_value]
    response = perencana.post(url, mine)

    assert response.status_code == 409
    assert _shown(obj, field) == their_value
    assert "diubah orang lain sejak formulir dibuka" in response.text
    [change] = response.context["konflik"]
    before = getattr(obj, field)
    if not isinstance(before, bool | int) or isinstance(before, Decimal):  # text and amounts
        before = formulas.format_masukan(before) if isinstance(before, Decimal) else before or "—"
        assert change.baru == their_value
        assert change.lama.rstrip("\u2026") == before[: len(change.lama.rstrip("\u2026"))]
    else:  # a switch or a whole number: the change names the field, old and new differ
        assert change.lama != change.baru
    assert isian(response.text).get(field, [""]) == [my_value]
    # Having read the change, saving once more overwrites it knowingly.
    again = perencana.post(url, isian(response.text))
    assert again.status_code == 302
    assert _shown(obj, field) == my_value


def test_a_record_deleted_meanwhile_is_not_brought_back_by_a_stale_form(perencana, demo):
    obj = _record("ikm", demo)
    url = f"{BASE}ikm/{obj.pk}/"
    mine = isian(perencana.get(url).text)
    type(obj).objects.filter(pk=obj.pk).delete()
    assert perencana.post(url, mine).status_code == 404
    assert not type(obj).objects.filter(pk=obj.pk).exists()
