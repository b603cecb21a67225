"""Requests refused before any view: a NUL character in the address, the query or a cookie."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

PESAN_NUL = (
    "Permintaan ditolak: alamat, parameter atau cookie-nya berisi karakter NUL (kode 0), "
    "yang tidak pernah ada dalam data LKIP."
)


def _ada_nul(request: HttpRequest) -> bool:
    """NUL anywhere a view or the session could pass it on to a query: path, query, cookies.

    PostgreSQL refuses a NUL in a text parameter (DataError, a 500); SQLite stores it. A form's text
    fields refuse it themselves (Django's ProhibitNullCharactersValidator), so POST bodies are left
    to the forms, and are not parsed here (a view may set its own limits before they are read).
    """
    raw_path = request.META.get("PATH_INFO", "")
    query = request.META.get("QUERY_STRING", "")
    return (
        "\x00" in raw_path
        or "\x00" in request.path
        or b"\x00" in unquote_to_bytes(query.replace("+", " "))
        or any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items())
    )


def tolak_nul(get_response):
    """Middleware, first in the list: a request carrying a NUL gets a 400 and reaches no query."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if _ada_nul(request):
            return HttpResponseBadRequest(PESAN_NUL, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
