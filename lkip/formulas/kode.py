"""Budget nomenclature codes (Permendagri 90/2019 and its Kepmendagri updates, spec §6.1–6.2)."""

import re
from enum import StrEnum


class TingkatKode(StrEnum):
    """Level of a nomenclature code."""

    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUBKEGIATAN = "subkegiatan"


# Full code X.XX.XX[.X.XX[.XXXX]]; the 5th segment may be zero-padded ("02" → "2").
_POLA_LENGKAP = re.compile(
    r"(?P<u>[0-9])\.(?P<b>[0-9]{2})\.(?P<p>[0-9]{2})"
    r"(?:\.0?(?P<l>[0-9])\.(?P<k>[0-9]{2})(?:\.(?P<s>[0-9]{4}))?)?"
)
# SIMDA style of the seed: organisation code "1.06.01.01" (urusan, bidang, unit, sub-unit),
# a dash, then program[.level.kegiatan[.sub-kegiatan in short form]]. Line breaks from the
# PDF conversion may sit around the dash.
_POLA_SIMDA = re.compile(
    r"(?P<u>[0-9])\.(?P<b>[0-9]{2})\.[0-9]{2}\.[0-9]{2}\s*[-–]\s*(?P<p>[0-9]{2})"
    r"(?:\.(?P<l>[0-9])\.(?P<k>[0-9]{2})(?:\.(?P<s>[0-9]{1,4}))?)?"
)

_TINGKAT_MENURUT_SEGMEN = {
    3: TingkatKode.PROGRAM,
    5: TingkatKode.KEGIATAN,
    6: TingkatKode.SUBKEGIATAN,
}


def normalisasi_kode(teks: str) -> str:
    """Canonical code (e.g. "1.06.04.2.01.0001") from the full, zero-padded or SIMDA form."""
    if not isinstance(teks, str):
        raise TypeError(f"Kode harus berupa teks, bukan {type(teks).__name__}.")
    bersih = teks.strip()
    cocok = _POLA_LENGKAP.fullmatch(bersih) or _POLA_SIMDA.fullmatch(bersih)
    # A segment of zeros (program 00, sub-kegiatan 0000, …) does not exist in the nomenclature.
    segmen = () if cocok is None else cocok.group("u", "b", "p", "l", "k", "s")
    if cocok is None or any(bagian is not None and int(bagian) == 0 for bagian in segmen):
        raise ValueError(
            f"Kode '{teks}' tidak sah: gunakan kode program (1.06.04), kegiatan (1.06.04.2.01) "
            "atau sub-kegiatan (1.06.04.2.01.0001)."
        )
    kode = f"{cocok['u']}.{cocok['b']}.{cocok['p']}"
    if cocok["l"] is not None:
        kode += f".{cocok['l']}.{cocok['k']}"
    if cocok["s"] is not None:
        kode += f".{int(cocok['s']):04d}"
    return kode


def tingkat_kode(kode: str) -> TingkatKode:
    """Level (program, kegiatan, sub-kegiatan) of a code in any accepted form."""
    return _TINGKAT_MENURUT_SEGMEN[normalisasi_kode(kode).count(".") + 1]


def kode_induk(kode: str) -> str | None:
    """Parent code: sub-kegiatan → kegiatan → program → None."""
    segmen = normalisasi_kode(kode).split(".")
    if len(segmen) == 3:
        return None
    return ".".join(segmen[: 5 if len(segmen) == 6 else 3])
