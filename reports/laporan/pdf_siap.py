"""WeasyPrint made ready in the process that forks the PDF renders, so each child starts warm.

Every render runs in a forked child (batas.py), and a child's caches die with it: before, each
child built its own font configuration (fontconfig, Pango's font map, the report's @font-face
files), loaded the Indonesian hyphenation patterns and shaped its first glyphs from nothing.
Here that is done once in the parent, which never lays out a report itself, and every child
inherits it through fork: one font configuration for the process, and one small render with the
report's stylesheet that loads the fonts of every face it uses and the hyphenation patterns.
"""

from __future__ import annotations

import re

from django.conf import settings

from reports.laporan.batas import KUNCI_FORK as _KUNCI  # no fork while WeasyPrint runs here

_FONTS = None
_SIAP: set[str] = set()

#: Text in each face the stylesheet uses, a table, a contents line and a word too long for its
#: box (so the hyphenation patterns are loaded).
_ISI_PEMANASAN = (
    '<body class="laporan"><section class="bab"><h1>BAB I</h1><h2>1.1 A</h2><h3>a</h3><h4>b</h4>'
    "<h5>c</h5><p>"
    + "".join(
        f"<{t}>ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;!?()%/&-–—"
        f"“”‘’</{t}> "
        for t in ("span", "b", "i", "strong", "em")
    )
    + '</p><p class="pemanasan">Mempertanggungjawabkan penyelenggaraan pemberdayaan</p>'
    '<figure class="tabel"><table><thead><tr><th>No</th></tr></thead><tbody><tr>'
    '<td class="num">1</td><td class="total">2</td></tr></tbody></table></figure>'
    '<nav class="daftar-isi"><ul><li><a href="#x">X</a></li></ul></nav><p id="x">y</p>'
    "</section></body></html>"
)
_GAYA_PEMANASAN = "<style>p.pemanasan { width: 3cm; }</style></head>"


def font_config():
    """The process's one WeasyPrint font configuration (made on first use)."""
    global _FONTS
    with _KUNCI:
        if _FONTS is None:
            from weasyprint.text.fonts import FontConfiguration

            _FONTS = FontConfiguration()
        return _FONTS


def siapkan(html: str) -> None:
    """Warm WeasyPrint in this process for documents with the stylesheet (and its fonts) of
    `html`: once per distinct stylesheet (the report's, the signed report's)."""
    awal = re.search(r"<body\b", html)
    kepala = html[: awal.start()] if awal else html
    gaya = "".join(re.findall(r"<style>.*?</style>", kepala, re.S))
    with _KUNCI:
        if gaya in _SIAP:
            return
    from weasyprint import HTML

    fonts = font_config()
    dokumen = f'<!DOCTYPE html><html lang="id"><head>{gaya}{_GAYA_PEMANASAN}{_ISI_PEMANASAN}'
    with _KUNCI:
        HTML(string=dokumen, base_url=str(settings.BASE_DIR)).render(font_config=fonts).write_pdf()
        _SIAP.add(gaya)
