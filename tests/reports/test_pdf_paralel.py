"""The PDF laid out in parallel (one child per group of chapters) is the PDF of one render: the
same pages, footers, running headers, contents page numbers, bookmarks and links."""

import io
import os
import re
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from reports.laporan import build_laporan, render_pdf
from reports.laporan.pdf_paralel import (
    _beban_sekarang,
    _kelompokkan,
    _titik_potong,
    bagi,
    proses_sekarang,
    render_paralel,
)
from reports.laporan.render import _html_pdf, _pdf_options

pytestmark = pytest.mark.django_db


def _teks(reader: PdfReader) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _penanda(reader: PdfReader, items=None, tingkat: int = 0) -> list[tuple[int, str, int]]:
    hasil = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            hasil += _penanda(reader, item, tingkat + 1)
        else:
            hasil.append((tingkat, item.title, reader.get_destination_page_number(item)))
    return hasil


def _tautan(reader: PdfReader) -> list[tuple[int, str]]:
    return sorted(
        (nomor, str(annot.get_object().get("/Dest")))
        for nomor, page in enumerate(reader.pages)
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    )


class ParallelRenderTests:
    def test_the_parallel_pdf_reads_exactly_as_one_render(self, demo, settings):
        laporan = build_laporan("dinsos-kota-bekasi", 2024)
        settings.LKIP_PDF_PROSES = 1
        satu = PdfReader(io.BytesIO(render_pdf(laporan)))
        paralel = PdfReader(io.BytesIO(_paralel(laporan)))

        assert _teks(paralel) == _teks(satu)  # body, footers, running headers, contents
        assert _penanda(paralel) == _penanda(satu)
        assert _tautan(paralel) == _tautan(satu)
        assert sorted(paralel.named_destinations) == sorted(satu.named_destinations)
        assert paralel.metadata.title == satu.metadata.title
        assert paralel.trailer["/ID"][0] == satu.trailer["/ID"][0]

    def test_the_footer_counts_every_page_and_the_contents_name_the_chapters_pages(
        self, demo, settings
    ):
        reader = PdfReader(io.BytesIO(_paralel(build_laporan("dinsos-kota-bekasi", 2024))))
        halaman = _teks(reader)
        jumlah = len(halaman)
        for nomor, teks in enumerate(halaman[1:], start=2):  # the cover has no footer
            assert f"Halaman {nomor} dari {jumlah}" in teks
            assert "Laporan Kinerja Instansi Pemerintah (LKIP) Dinas Sosial" in teks
        bab3 = next(n for n, t in enumerate(halaman, start=1) if t.startswith("BAB III"))
        daftar_isi = next(t for t in halaman if t.startswith("DAFTAR ISI"))
        assert re.search(rf"BAB III [^.]*\.{{3,}} ?{bab3}\b", daftar_isi), daftar_isi[:400]

    def test_a_busy_machine_or_the_setting_at_one_renders_in_one_process(self, settings):
        cores = len(os.sched_getaffinity(0))
        settings.LKIP_PDF_PROSES = 4
        assert proses_sekarang(beban=cores - 1) == 4  # a core idle
        assert proses_sekarang(beban=cores) == 1  # every core busy
        settings.LKIP_PDF_PROSES = 1
        assert proses_sekarang(beban=0) == 1

    def test_the_load_is_read_now_from_the_processes_running(self, settings):
        # The one-minute average trails: a machine busy now must count as busy now.
        cores = len(os.sched_getaffinity(0))
        settings.LKIP_PDF_PROSES = 4
        sibuk = [
            subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cores + 1)
        ]
        try:
            time.sleep(0.3)
            assert _beban_sekarang() >= cores + 1
            assert proses_sekarang() == 1
        finally:
            for anak in sibuk:
                anak.kill()
                anak.wait()


def _paralel(laporan) -> bytes:
    """The parallel render in 6 processes, whatever the machine's load now: enough for every
    kind of cut on the demo (the front matter, the contents, chapters, and Bab III where its
    landscape program tables start)."""
    pdf = render_paralel(_html_pdf(laporan), _pdf_options(laporan), proses=6)
    assert pdf is not None
    return pdf


class SplitTests:
    HTML = (
        "<html><head><style>p {}</style></head><body>"
        '<section class="sampul"><div class="judul-berjalan">LKIP &amp; "X"</div></section>'
        '<section class="depan" id="kp"><p>a</p></section>'
        '<nav class="depan daftar-isi" id="di"><a href="#b1">B1</a></nav>'
        '<nav class="depan daftar-isi" id="dt"><a href="#t1">T1</a></nav>'
        '<section class="bab" id="b1"><section class="bab-bukan">x</section>'
        '<section class="bagian"><nav class="depan">nested</nav></section></section>'
        '<section class="bab" id="b2"><p>b</p></section>'
        '<section class="bab" id="b3"><p>c</p></section>'
        "</body></html>"
    )

    def test_the_report_is_cut_only_where_a_new_page_starts_at_the_top_level(self):
        isi = re.search(r"<body>(.*)</body>", self.HTML, re.S)[1]
        awal = [re.match(r"<[^>]*>", isi[t.posisi :])[0] for t in _titik_potong(isi)]
        assert awal == [
            '<section class="sampul">',
            '<section class="depan" id="kp">',
            '<nav class="depan daftar-isi" id="di">',
            '<nav class="depan daftar-isi" id="dt">',
            '<section class="bab" id="b1">',
            '<section class="bab" id="b2">',
            '<section class="bab" id="b3">',
        ]
        kelompok = bagi(self.HTML, 10)
        # the contents' lists are one part, and the only one laid out with literal numbers
        isi_daftar = [k for k in kelompok if k.daftar_isi]
        assert len(isi_daftar) == 1
        assert 'id="di"' in isi_daftar[0].html and 'id="dt"' in isi_daftar[0].html
        assert "nested" in next(k.html for k in kelompok if 'id="b1"' in k.html)

    def test_never_more_parts_than_processes_and_the_lightest_neighbours_are_joined(self):
        kelompok = bagi(self.HTML, 3)
        assert len(kelompok) == 3
        assert 'id="kp"' in kelompok[0].html  # the front matter joins the cover
        assert all(f'id="b{n}"' in kelompok[2].html for n in (1, 2, 3))
        assert bagi(self.HTML, 1) is None

    def test_the_groups_make_the_heaviest_as_light_as_it_can_be_and_the_contents_stay_alone(self):
        berat, sendiri = [1, 1, 1, 2, 4, 3, 9, 2, 1, 2], [False] * 3 + [True] + [False] * 6
        assert _kelompokkan(berat, sendiri, 4) == [(0, 3), (3, 4), (4, 6), (6, 10)]
        # two processes cannot keep the contents alone: the fewest groups that can
        assert _kelompokkan(berat, sendiri, 2) == [(0, 3), (3, 4), (4, 10)]

    def test_a_chapter_is_cut_where_its_landscape_section_starts_on_a_page_of_its_own(self):
        html = self.HTML.replace(
            '<section class="bab" id="b3"><p>c</p></section>',
            '<section class="bab" id="b3"><p>c</p>'
            '<section class="bagian lanskap" id="l"><h2>L</h2><table></table></section>'
            "</section>",
        )
        kelompok = bagi(html, 10)
        sebelum, lanskap = kelompok[-2], kelompok[-1]
        assert sebelum.html.count("<section") == sebelum.html.count("</section>")
        assert 'id="b3"' in sebelum.html and 'id="l"' not in sebelum.html
        # the chapter opened again (without its id) around the landscape section
        assert '<section class="bab"><section class="bagian lanskap" id="l">' in lanskap.html
        assert lanskap.html.count("<section") == lanskap.html.count("</section>")
        assert (sebelum.tingkat, lanskap.tingkat) == (0, 1)

    def test_every_later_part_carries_the_running_title_without_printing_it(self):
        pertama, *lain = bagi(self.HTML, 10)
        assert "string-set" not in pertama.html
        for k in lain:
            assert 'string-set: judul "LKIP & \\"X\\""' in k.html
            assert "judul-berjalan" not in k.html
