"""Every generic edit screen (lkip.crud.LAYAR) as two people use it: re-saving what it shows, and
a save made stale by someone else's."""

from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from lkip.crud import LAYAR
from tests.security.formulir import isian

pytestmark = pytest.mark.django_db
BASE = "/data/dinsos-kota-bekasi/"
SCREENS = sorted(LAYAR)


def _record(slug: str, opd):
    """A stored record of the screen that may be edited now (the demo has one for every screen)."""
    obj = LAYAR[slug].queryset(opd).order_by("pk").first()
    assert obj is not None, f"the demo has no {slug} record"
    return obj


def _stored(obj) -> dict:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    values = model_to_dict(fresh)
    return {k: sorted(x.pk for x in v) if isinstance(v, list) else v for k, v in values.items()}


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
