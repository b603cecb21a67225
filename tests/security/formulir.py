"""What a browser sends back from a rendered form: the helper the edit-screen probes share."""

from html.parser import HTMLParser


class _Formulir(HTMLParser):
    def __init__(self, kelas: str) -> None:
        super().__init__(convert_charrefs=True)
        self.kelas, self.dalam, self.data = kelas, False, []
        self._textarea: str | None = None
        self._select: tuple[str, bool] | None = None
        self._pilihan: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.dalam = self.kelas in a.get("class", "").split() or self.kelas == a.get("id")
        if not self.dalam or not a.get("name") and tag != "option":
            return
        if tag == "input":
            jenis = a.get("type", "text")
            if jenis in ("file", "submit", "button", "reset", "image"):
                return
            if jenis in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if jenis == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea, self._teks = a["name"], []
        elif tag == "select":
            self._select, self._pilihan = (a["name"], "multiple" in a), []
        elif tag == "option" and self._select:
            self._pilihan.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._teks.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.dalam = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._teks)
            # A browser drops the one newline right after <textarea> (Django writes one).
            self.data.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [v for v, selected in self._pilihan if selected]
            if not chosen and not multiple and self._pilihan:
                chosen = [self._pilihan[0][0]]
            self.data += [(name, v) for v in chosen]
            self._select = None


def isian(html: str, kelas: str = "formulir") -> dict[str, list[str]]:
    """The fields of the form with this class (or id), as a browser would submit them unchanged."""
    parser = _Formulir(kelas)
    parser.feed(html)
    out: dict[str, list[str]] = {}
    for name, value in parser.data:
        out.setdefault(name, []).append(value)  # the parser unescaped it
    return out
