"""Quarter and year realisations agree, by one documented rule per aggregation, and a figure the
user did not touch never changes silently.

Budget lines: once a quarter is filled, the annual realisation is the sum of the quarters; an
annual figure typed without quarters stays until the user enters quarters and agrees to replace
it. Indicators: an annual realisation entered as such is the year's figure and the quarters never
change it; without one, the year follows from the quarters by the indicator's `agregasi` (jumlah:
the sum, fractions as summed numerators over the last denominator; terakhir: the last quarter
filled; rata-rata: the mean of the quarters filled).
"""

import copy
from decimal import Decimal

import pytest

from budget.models import Anggaran
from budget.screens import AnggaranForm
from demo.opd import DEMO_PASSWORD
from exchange.importer import impor
from lkip import formulas
from targets.capaian import capaian_opd
from tests.exchange.test_importer import WORKBOOK
from tests.factories import make_indikator, make_opd, make_realisasi
from tests.security.formulir import isian

pytestmark = pytest.mark.django_db

TW1 = "/data/dinsos-kota-bekasi/entri/2024/tw1/"


def program_1_06_01(demo) -> Anggaran:
    return Anggaran.objects.get(opd=demo, tahun=2024, nomenklatur__kode="1.06.01")


def total_serapan(demo):
    lines = Anggaran.objects.filter(opd=demo, tahun=2024, nomenklatur__tingkat="program")
    return formulas.serapan(sum(a.pagu for a in lines), sum(a.realisasi for a in lines))


def annual(opd, kode: str):
    return next(c for c in capaian_opd(opd, 2024) if c.indikator.kode == kode)


class BudgetYearFromQuartersTests:
    def test_typing_tw1_for_program_1_06_01_does_not_replace_its_typed_year_without_a_yes(
        self, demo, client
    ):
        """The issue's case: TW I 3.000.000.000 replaced the typed 12.329.804.929 silently."""
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        line = program_1_06_01(demo)
        assert line.realisasi == Decimal("12329804929") and line.realisasi_tw1 is None
        serapan = total_serapan(demo)
        page = client.get(TW1).text
        assert page.count("Realisasi tahunan anggaran = jumlah realisasi TW I–IV") == 1
        data = isian(page, "entri")
        data[f"a{line.pk}-tw"] = ["3.000.000.000"]
        response = client.post(TW1, data)
        assert response.status_code == 200
        html = response.text
        assert "Belum disimpan: realisasi tahunan yang diketik akan berubah" in html
        box = html[html.index("ganti-tahunan") :]
        assert "12.329.804.929" in box and "3.000.000.000" in box, box[:1500]
        assert 'value="3.000.000.000"' in html  # what was typed stays
        line.refresh_from_db()
        assert line.realisasi == Decimal("12329804929") and line.realisasi_tw1 is None
        assert total_serapan(demo) == serapan

        data["ganti_tahunan"] = ["on"]
        assert client.post(TW1, data).status_code == 302
        line.refresh_from_db()
        assert line.realisasi_tw1 == line.realisasi == Decimal("3000000000")

    def test_once_quarters_exist_another_quarter_updates_the_year_to_their_sum(self, demo, client):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        line = program_1_06_01(demo)
        line.realisasi_tw1 = line.realisasi = Decimal(3_000_000_000)
        line.save()
        url = TW1.replace("tw1", "tw2")
        data = isian(client.get(url).text, "entri")
        data[f"a{line.pk}-tw"] = ["2.500.000.000"]
        assert client.post(url, data).status_code == 302
        line.refresh_from_db()
        assert line.realisasi == Decimal(5_500_000_000)

    def test_the_budget_form_refuses_quarters_that_do_not_add_up_to_the_typed_year(self, demo):
        line = program_1_06_01(demo)
        form = AnggaranForm(
            {
                "nomenklatur": line.nomenklatur_id,
                "tahun": 2024,
                "pagu_murni": formulas.format_masukan(line.pagu_murni),
                "pagu_perubahan": formulas.format_masukan(line.pagu_perubahan)
                if line.pagu_perubahan is not None
                else "",
                "realisasi": "12.329.804.929",
                "realisasi_tw1": "3.000.000.000",
            },
            instance=line,
            opd=demo,
        )
        assert not form.is_valid()
        assert "tidak sama dengan realisasi tahunan" in " ".join(form.errors["realisasi"])

    def test_a_workbook_row_whose_quarters_do_not_add_up_to_its_year_is_refused(self):
        book = copy.deepcopy(WORKBOOK)
        assert impor(book).ok
        book["Anggaran"][0] = {**book["Anggaran"][0], "realisasi_tw1": "3.000.000.000"}
        result = impor(book)
        assert not result.ok
        assert any(
            m.sheet == "Anggaran"
            and m.baris == 2
            and "tidak sama dengan realisasi tahunan" in m.pesan
            for m in result.errors
        ), result.errors
        line = Anggaran.objects.get(nomenklatur__kode="1.06.04")
        assert line.realisasi == Decimal("4259258784") and line.realisasi_tw1 is None

    def test_a_workbook_row_that_states_both_its_quarters_and_their_sum_is_taken_as_is(self):
        book = copy.deepcopy(WORKBOOK)
        assert impor(book).ok
        book["Anggaran"][0] = {
            **book["Anggaran"][0],
            "realisasi": "3.000.000.000",
            "realisasi_tw1": "3.000.000.000",
        }
        book["Anggaran"][1] = {**book["Anggaran"][1], "realisasi": "3.000.000.000"}
        result = impor(book)
        assert result.ok, result.errors
        change = next(p for p in result.perubahan if p.kunci.startswith("1.06.04 2024"))
        assert ("realisasi", "4.259.258.784", "3.000.000.000") in change.detail


class IndicatorYearTests:
    @pytest.mark.parametrize(
        ("agregasi", "quarters", "expected"),
        [
            ("jumlah", ["10", "20", None, "5"], Decimal(35)),
            ("terakhir", ["70", "80", "75", None], Decimal(75)),
            ("rata-rata", ["80", None, "90", "100"], Decimal(90)),
        ],
    )
    def test_without_a_typed_year_the_year_follows_from_the_quarters(
        self, agregasi, quarters, expected
    ):
        opd = make_opd()
        ind = make_indikator(opd, agregasi=agregasi, jenis_nilai="angka", satuan="orang")
        for periode, nilai in enumerate(quarters, start=1):
            if nilai is not None:
                make_realisasi(ind, nilai, periode=periode)
        c = annual(opd, "IKU-1")
        assert c.realisasi == expected and not c.realisasi_tahunan_tercatat

    def test_a_summed_fraction_adds_the_numerators_over_the_last_denominator(self):
        opd = make_opd()
        ind = make_indikator(opd, agregasi="jumlah")
        make_realisasi(ind, periode=1, pembilang=Decimal(3320), penyebut=Decimal(125326))
        make_realisasi(ind, periode=4, pembilang=Decimal(11896), penyebut=Decimal(125326))
        assert formulas.bulatkan(annual(opd, "IKU-1").realisasi) == Decimal("12.14")

    def test_typing_a_quarter_in_the_grid_never_changes_a_typed_annual_realisation(
        self, demo, client
    ):
        client.login(username="perencana.dinsos", password=DEMO_PASSWORD)
        before = annual(demo, "IKU-3")
        assert before.realisasi_tahunan_tercatat
        page = client.get(TW1).text
        assert page.count("Realisasi tahunan indikator: bila realisasi tahunan diisi langsung") == 1
        data = isian(page, "entri")
        ind = demo.indikator_set.get(kode="IKU-3")
        data[f"r{ind.pk}-pembilang"], data[f"r{ind.pk}-penyebut"] = ["1.000"], ["125.326"]
        assert client.post(TW1, data).status_code == 302
        after = annual(demo, "IKU-3")
        assert after.realisasi == before.realisasi and after.capaian == before.capaian
        assert "diisi langsung" in client.get(TW1).text

    def test_importing_a_quarter_never_changes_a_typed_annual_realisation(self):
        book = copy.deepcopy(WORKBOOK)
        assert impor(book).ok
        opd_ = Anggaran.objects.first().opd
        before = annual(opd_, "IKU-1")
        book["Realisasi"] = [
            *book["Realisasi"],
            {"indikator_kode": "IKU-1", "tahun": "2024", "periode": "TW1", "nilai": "3"},
        ]
        assert impor(book).ok
        after = annual(opd_, "IKU-1")
        assert after.realisasi == before.realisasi and after.realisasi_triwulan[0] == Decimal(3)
