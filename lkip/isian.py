"""Form posts with more fields than Django's global limit, for the one view that needs them.

Django refuses a POST of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1.000) fields with a bare
"Bad Request (400)": what was typed is lost and nothing says why. The limit stays for every other
view; a view that renders a larger form (the quarterly grid of a large agency) is wrapped in
`banyak_isian(batas)`, which reads the urlencoded body with its own stated limit before the CSRF
check (which reads the body too) and marks a post that had more, so that the view can keep what
arrived and say why nothing was saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt, csrf_protect

logger = logging.getLogger(__name__)


def baca_isian(request: HttpRequest, batas: int) -> bool:
    """Read an urlencoded POST body keeping at most `batas` fields; True when it had more.

    A multipart body is left to Django (with its own limits). The body's size limit
    (DATA_UPLOAD_MAX_MEMORY_SIZE) still holds: `request.body` enforces it.
    """
    if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
        return False
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        text = request.body.decode(encoding)
    except UnicodeDecodeError:
        text = request.body.decode("iso-8859-1")  # as Django's QueryDict does
    pieces = text.split("&", batas) if text else []
    terpotong = len(pieces) > batas
    post = QueryDict(mutable=True, encoding=encoding)
    for key, value in parse_qsl(
        "&".join(pieces[:batas]), keep_blank_values=True, encoding=encoding
    ):
        post.appendlist(key, value)
    post._mutable = False
    request._post, request._files = post, MultiValueDict()
    if terpotong:
        logger.warning(
            "Formulir %s berisi lebih dari %d isian; hanya %d pertama dibaca, tidak disimpan.",
            request.path,
            batas,
            batas,
        )
    return terpotong


def banyak_isian(batas: Callable[[], int]):
    """View decorator: the POST is read with `batas()` fields at most (`request.isian_terpotong`
    says whether it had more), then CSRF is checked as usual."""

    def decorator(view):
        checked = csrf_protect(view)

        def wrapped(request: HttpRequest, *args, **kwargs):
            request.isian_terpotong = baca_isian(request, batas())
            return checked(request, *args, **kwargs)

        # Exempt from the middleware's check, which would read the body with the global limit;
        # csrf_protect checks the same token once the body is read.
        return csrf_exempt(wraps(view)(wrapped))

    return decorator
