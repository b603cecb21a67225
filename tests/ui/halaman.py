"""Reading rendered pages in tests: the links and forms a page offers, and a walk over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

ROLES = ("perencana.dinsos", "kepala.dinsos", "inspektorat.bekasi", "admin.pemda")
OPD = "dinsos-kota-bekasi"


@dataclass
class Formulir:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Formulir] = []
        self.menu: list[tuple[str, str]] = []
        self._in_menu = 0
        self._menu_href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and a.get("id") == "menu":
            self._in_menu = 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._in_menu:
                self._menu_href, self._text = a["href"], []
        if tag == "form":
            self.forms.append(Formulir(a.get("action") or "", (a.get("method") or "get").lower()))
        if tag in ("input", "textarea", "select", "button") and self.forms and a.get("name"):
            self.forms[-1].fields.setdefault(a["name"], a.get("value") or "")

    def handle_data(self, data):
        if self._menu_href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._menu_href is not None:
            self.menu.append(("".join(self._text).strip(), self._menu_href))
            self._menu_href = None
        if tag == "nav" and self._in_menu:
            self._in_menu = 0


def baca(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def internal(href: str, base: str) -> str | None:
    """The path of a link inside the application (None for another site, mailto, anchors)."""
    href, _ = urldefrag(href)
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not href.startswith("/"):
        href = base.rsplit("/", 1)[0] + "/" + href  # relative (the report's toolbar)
    return href


def kunci_halaman(path: str) -> tuple:
    """One key per screen (a list of 300 records has 300 history pages of one kind)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return ("?", path)
    return (match.view_name, match.kwargs.get("layar"), urlsplit(path).query.split("=")[0])


def dilewati(path: str) -> bool:
    """Files (PDF, xlsx) are checked by tests/test_permissions.py; the admin site is Django's."""
    p = urlsplit(path).path
    return (
        p.endswith((".pdf", ".xlsx"))
        or "format=xlsx" in path
        or p.startswith("/admin/")
        or p.startswith("/keluar/")
        or p.startswith("/static/")
    )


def jelajahi(client, awal: list[str], per_layar: int = 1, batas: int = 120):
    """Visit the pages reachable from `awal` by the links each page offers (one or `per_layar`
    page per kind of screen), yielding (path, response)."""
    seen: dict[tuple, int] = {}
    visited: set[str] = set()
    todo = list(awal)
    while todo and len(visited) < batas:
        path = todo.pop(0)
        if path in visited or dilewati(path):
            continue
        key = kunci_halaman(path)
        if seen.get(key, 0) >= per_layar:
            continue
        seen[key] = seen.get(key, 0) + 1
        visited.add(path)
        response = client.get(path)
        yield path, response
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for href in baca(response.content.decode()).links:
                target = internal(href, path)
                if target and target not in visited:
                    todo.append(target)
