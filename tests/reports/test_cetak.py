"""Print quality of the LKIP: inside the margins on every page, numbering unique, lists nested as
written, names keep their case, one word for a direction, one empty state per chart, no
placeholder text."""

import re
from decimal import Decimal
from itertools import pairwise

import pytest

from budget.models import Anggaran, TingkatAnggaran
from reports import charts
from reports.laporan import build_laporan, render_html, render_pdf
from reports.laporan.struktur import Bagian, Daftar, Paragraf, Subjudul, Tabel
from reports.laporan.teks import arah, awal_kecil, narasi_blok
from tests.reports.cetak import di_luar_bidang_teks, teks_html

pytestmark = pytest.mark.django_db


def headings(laporan) -> list[str]:
    """Every section number of the report's chapters and appendices, with the numbered
    sub-headings inside them."""
    out = []

    def walk(b: Bagian):
        if re.match(r"^\d+(\.\d+)*$", b.nomor):
            out.append(b.nomor)
        for blok in b.blok:
            if isinstance(blok, Subjudul) and (m := re.match(r"^(\d+(\.\d+)+) ", blok.teks)):
                out.append(m[1])
        for s in b.sub:
            walk(s)

    for b in (*laporan.bab, *laporan.lampiran):
        walk(b)
    return out


class MarginTests:
    def test_no_character_of_the_demo_pdf_lies_outside_the_text_area(self, demo):
        halaman, di_luar = di_luar_bidang_teks(render_pdf(build_laporan(demo.kode, 2024)))
        assert halaman > 40
        assert di_luar == [], "\n".join(map(str, di_luar))

    def test_the_widest_tables_are_printed_on_landscape_pages(self, demo):
        import io

        import pdfplumber

        pdf = render_pdf(build_laporan(demo.kode, 2024))
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            landscape = [p for p in doc.pages if p.width > p.height]
            assert landscape
            assert all("Capaian Kinerja" in (p.extract_text() or "") for p in landscape[:1])


class NumberingTests:
    def test_every_section_number_is_used_once_across_the_chapters(self, demo):
        numbers = headings(build_laporan(demo.kode, 2024))
        assert "3.1.1" in numbers and "3.1.1.1" in numbers
        assert len(numbers) == len(set(numbers)), sorted(
            n for n in set(numbers) if numbers.count(n) > 1
        )


class NarrativeListTests:
    def test_lettered_items_stay_nested_under_their_numbered_item(self):
        (lead, daftar) = narasi_blok(
            "Ditetapkan IKU sebagai berikut:\n1. Sasaran pertama:\na. Nilai AKIP.\nb. Nilai IKM.\n"
            "2. IKU yang kedua.\n3. IKU yang ketiga."
        )
        assert lead.teks == "Ditetapkan IKU sebagai berikut:"
        assert daftar.butir == ("Sasaran pertama:", "IKU yang kedua.", "IKU yang ketiga.")
        assert daftar.anak[0] == Daftar(("Nilai AKIP.", "Nilai IKM."), gaya="a")
        assert daftar.anak[1:] == (None, None)

    def test_labelled_lines_are_a_list_with_their_items_under_them_not_one_paragraph(self):
        (daftar,) = narasi_blok(
            "BAB I PENDAHULUAN: penjelasan umum.\nBAB III AKUNTABILITAS KINERJA:\n"
            "A. Capaian Kinerja Organisasi:\n1) target dan realisasi;\n2) tahun lalu;\n"
            "B. Realisasi Anggaran.\nLAMPIRAN:\n1) Perjanjian Kinerja"
        )
        assert daftar.gaya == "polos"
        assert daftar.butir == (
            "BAB I PENDAHULUAN: penjelasan umum.",
            "BAB III AKUNTABILITAS KINERJA:",
            "LAMPIRAN:",
        )
        bab3 = daftar.anak[1]
        assert bab3.butir == ("Capaian Kinerja Organisasi:", "Realisasi Anggaran.")
        assert bab3.anak[0].butir == ("target dan realisasi;", "tahun lalu;")
        assert daftar.anak[2].butir == ("Perjanjian Kinerja",)

    def test_the_demo_keeps_its_nested_lists_and_its_sistematika_in_the_html(self, demo):
        html = render_html(build_laporan(demo.kode, 2024))
        assert re.search(
            r"<li>[^<]*Akuntabilitas Kinerja Instansi Pemerintah \(AKIP\) dan "
            r"Indeks Kepuasan Masyarakat \(IKM\):<ol class=\"daftar-a\"",
            html,
        )
        sistematika = html.split('id="sistematika"', 1)[1].split("</section>", 1)[0]
        assert sistematika.count("<li>") >= 12
        assert "<li>BAB III AKUNTABILITAS KINERJA:<ol" in sistematika

    def test_an_agency_without_its_own_sistematika_gets_the_outline_of_the_regulation(self):
        from tests.reports.agencies import import_agency

        kode, tahun = import_agency("kesbang")
        (sistematika,) = [s for s in build_laporan(kode, tahun).bab[0].sub if s.id == "sistematika"]
        daftar = sistematika.blok[1]
        assert daftar.gaya == "polos"
        assert [b.split(":")[0] for b in daftar.butir] == [
            "BAB I PENDAHULUAN",
            "BAB II PERENCANAAN KINERJA",
            "BAB III AKUNTABILITAS KINERJA",
            "BAB IV PENUTUP",
            "LAMPIRAN",
        ]


class CaseTests:
    def test_a_phrase_inside_a_sentence_keeps_its_names_and_acronyms(self):
        assert awal_kecil("Jumlah PPKS yang dibina di Kota Bekasi") == (
            "jumlah PPKS yang dibina di Kota Bekasi"
        )
        assert awal_kecil("PPKS binaan") == "PPKS binaan"
        assert awal_kecil("Bekasi Sehat") == "Bekasi Sehat"

    def test_the_demo_sentences_do_not_lower_case_names(self, demo):
        text = teks_html(render_html(build_laporan(demo.kode, 2024)))
        assert "Kota Bekasi" in text
        assert not re.search(r"kota bekasi|\bppks\b|\bpsks\b", text)


class TrendTests:
    def test_one_function_names_the_direction_of_a_change(self):
        assert arah(Decimal("13"), Decimal("12.14")) == "turun"
        assert arah(Decimal("100"), Decimal("242.82")) == "naik"
        assert arah(Decimal("5.001"), Decimal("5.004")) == "tetap"
        assert arah(None, Decimal(5)) == "tidak dapat dibandingkan"

    def test_the_comparison_tables_say_what_the_sentences_say(self, demo):
        laporan = build_laporan(demo.kode, 2024)
        pairs = [
            (sentence.teks, table)
            for sasaran in laporan.bab[2].sub[0].sub
            for sentence, table in pairwise(sasaran.blok)
            if isinstance(sentence, Paragraf)
            and isinstance(table, Tabel)
            and table.judul.startswith("Perbandingan Realisasi")
        ]
        assert len(pairs) == 4  # one per IKU
        for sentence, table in pairs:
            keterangan = table.baris[0][-1].teks
            real, cap = re.fullmatch(r"Realisasi (.+); capaian (.+)", keterangan).groups()
            assert f") {real} dibanding" in sentence
            if cap != "tidak dapat dibandingkan":
                assert f"Capaian kinerja {cap} dari" in sentence

    def test_ppks_realisation_fell_and_both_table_and_text_say_so(self, demo):
        laporan = build_laporan(demo.kode, 2024)
        (table,) = [
            t
            for t in laporan.semua_tabel()
            if t.judul.startswith("Perbandingan Realisasi dan Capaian Persentase PPKS")
        ]
        assert table.baris[0][-1].teks.startswith("Realisasi turun")
        assert "(12,14%) turun dibanding tahun 2023 (13%)" in teks_html(render_html(laporan))


class ChartTests:
    def test_a_chart_without_any_value_shows_one_message(self):
        svg = charts.target_realisasi(
            [("IKU A", None, None, "%"), ("IKU B", None, None, ""), ("IKU C", None, None, "")],
            "Target dan realisasi IKU",
        )
        assert svg.lower().count("belum ada data") == 1
        assert "<rect x='1'" in svg and "Realisasi</text>" not in svg

    def test_a_chart_with_some_values_marks_the_missing_bars_and_explains_once(self):
        svg = charts.target_realisasi(
            [("IKU A", Decimal(80), None, "%"), ("IKU B", Decimal(5), None, "")], "IKU"
        )
        assert svg.count("belum ada data") == 1

    def test_the_2026_demo_report_has_one_empty_state_per_chart(self, demo):
        for gambar in build_laporan(demo.kode, 2026).semua_gambar():
            assert gambar.svg.lower().count("belum ada data") <= 1, gambar.judul


class PlaceholderTests:
    def test_the_report_prints_no_placeholder_for_what_is_missing(self, demo):
        text = teks_html(render_html(build_laporan(demo.kode, 2024)))
        for placeholder in ("belum dirinci)", "(belum ada data)", "(kegiatan"):
            assert placeholder not in text

    def test_a_program_without_kegiatan_gets_no_placeholder_column(self, demo):
        Anggaran.objects.filter(opd=demo).exclude(
            nomenklatur__tingkat=TingkatAnggaran.PROGRAM
        ).delete()
        laporan = build_laporan(demo.kode, 2024)
        (table,) = [t for t in laporan.semua_tabel() if t.judul == "Program Tahun 2024"]
        assert [k.label for k in table.kepala[0]] == ["No", "Kode", "Program"]
