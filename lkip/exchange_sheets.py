"""One step per sheet of the exchange workbook, in dependency order (see lkip.exchange)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lkip import formulas
from lkip.exchange import _Importer, _Sheet
from lkip.models import Pemda, PerangkatDaerah

TINGKAT_INDIKATOR = ("iku", "program", "kegiatan", "subkegiatan")
JENIS_NILAI = ("angka", "persen", "indeks", "predikat")


def _perangkat_daerah(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from targets.models import Renstra

    if len(sheet.rows) != 1:
        sheet.error(None, None, f"harus berisi tepat satu baris data (ada {len(sheet.rows)}).")
        ctx["fatal"] = True
        return
    baris, row = sheet.rows[0]
    kode = sheet.text(baris, row, "kode", required=True).lower()
    if ctx.get("opd_kode") and kode and kode != ctx["opd_kode"]:
        sheet.error(
            baris, "kode",
            f"workbook ini milik perangkat daerah '{kode}', bukan '{ctx['opd_kode']}'; tidak diimpor.",
        )
        ctx["fatal"] = True
        return
    nama_pemda = sheet.text(baris, row, "pemda", required=True, max_length=200)
    awal = sheet.year(baris, row, "renstra_awal")
    akhir = sheet.year(baris, row, "renstra_akhir")
    if awal and akhir and akhir < awal:
        sheet.error(baris, "renstra_akhir", "tahun akhir Renstra tidak boleh sebelum tahun awal.")
    values = {
        "kode_skpd": sheet.text(baris, row, "kode_skpd"),
        "nama": sheet.text(baris, row, "nama", required=True),
        "kota_ttd": sheet.text(baris, row, "kota_ttd", required=True),
        "kepala_nama": sheet.text(baris, row, "kepala_nama", required=True),
        "kepala_nip": sheet.text(baris, row, "kepala_nip"),
        "kepala_pangkat": sheet.text(baris, row, "kepala_pangkat"),
        "kepala_jabatan": sheet.text(baris, row, "kepala_jabatan", required=True),
    }
    if values["kepala_nip"]:
        try:
            values["kepala_nip"] = formulas.format_nip(formulas.parse_nip(values["kepala_nip"]).digits)
        except ValueError as exc:
            sheet.error(baris, "kepala_nip", str(exc))
            values["kepala_nip"] = ""
    if not (kode and nama_pemda and awal and akhir) or any(m.tingkat == "error" for m in imp.masalah):
        ctx["fatal"] = True
        return
    pemda = imp.upsert(sheet, baris, Pemda, {"nama": nama_pemda}, {}, f"pemda {nama_pemda}")
    if pemda is None:
        ctx["fatal"] = True
        return
    columns = {"kepala_nip": "kepala_nip", "kode": "kode"}
    opd = imp.upsert(sheet, baris, PerangkatDaerah, {"kode": kode}, {"pemda": pemda, **values}, kode, columns)
    if opd is None:
        ctx["fatal"] = True
        return
    renstra = imp.upsert(
        sheet, baris, Renstra, {"opd": opd, "tahun_awal": awal}, {"tahun_akhir": akhir},
        f"Renstra {awal}–{akhir}", {"tahun_akhir": "renstra_akhir"},
    )
    ctx.update(opd=opd, renstra=renstra, fatal=renstra is None)


def _tujuan(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from targets.models import Tujuan

    ctx["tujuan"] = {t.kode: t for t in Tujuan.objects.filter(renstra=ctx["renstra"])}
    for urutan, (baris, row) in enumerate(sheet.rows, start=1):
        kode = sheet.text(baris, row, "kode", required=True, max_length=20)
        uraian = sheet.text(baris, row, "uraian", required=True)
        if not (kode and uraian):
            continue
        obj = imp.upsert(sheet, baris, Tujuan, {"renstra": ctx["renstra"], "kode": kode},
                         {"uraian": uraian, "urutan": urutan}, kode)
        if obj:
            ctx["tujuan"][kode] = obj


def _sasaran(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from targets.models import Sasaran, Tujuan

    tujuan = ctx.get("tujuan") or {t.kode: t for t in Tujuan.objects.filter(renstra=ctx["renstra"])}
    ctx["sasaran"] = {s.kode: s for s in Sasaran.objects.filter(renstra=ctx["renstra"])}
    for urutan, (baris, row) in enumerate(sheet.rows, start=1):
        kode = sheet.text(baris, row, "kode", required=True, max_length=20)
        tujuan_kode = sheet.text(baris, row, "tujuan_kode", required=True)
        uraian = sheet.text(baris, row, "uraian", required=True)
        if tujuan_kode and tujuan_kode not in tujuan:
            sheet.error(baris, "tujuan_kode", f"tujuan '{tujuan_kode}' tidak ada.")
            continue
        if not (kode and tujuan_kode and uraian):
            continue
        obj = imp.upsert(sheet, baris, Sasaran, {"renstra": ctx["renstra"], "kode": kode},
                         {"tujuan": tujuan[tujuan_kode], "uraian": uraian, "urutan": urutan}, kode)
        if obj:
            ctx["sasaran"][kode] = obj


def _nomenklatur_from_anggaran(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    """First pass over Anggaran: the nomenclature codes every indicator and line refers to."""
    from budget.models import Nomenklatur

    parsed: list[tuple[int, dict, str]] = []
    for baris, row in sheet.rows:
        teks = sheet.text(baris, row, "kode", required=True)
        if not teks:
            continue
        try:
            kode = formulas.normalisasi_kode(teks)
        except ValueError as exc:
            sheet.error(baris, "kode", str(exc))
            continue
        tingkat = sheet.choice(baris, row, "tingkat", ("program", "kegiatan", "subkegiatan"))
        if tingkat and tingkat != formulas.tingkat_kode(kode).value:
            sheet.error(baris, "tingkat", f"kode {kode} adalah {formulas.tingkat_kode(kode).value}, bukan {tingkat}.")
        parsed.append((baris, row, kode))
    ctx["anggaran_rows"] = parsed
    existing = {n.kode: n for n in Nomenklatur.objects.all()}
    # Parents before children so that each code finds its induk.
    for baris, row, kode in sorted(parsed, key=lambda item: len(item[2])):
        nama = sheet.text(baris, row, "uraian", required=True, max_length=500)
        if not nama:
            continue
        if kode in existing and existing[kode].nama == nama:
            continue
        obj = imp.upsert(sheet, baris, Nomenklatur, {"kode": kode}, {"nama": nama},
                         f"nomenklatur {kode}", {"nama": "uraian"})
        if obj:
            existing[kode] = obj
    ctx["nomenklatur"] = existing


def _indikator(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from budget.models import Nomenklatur
    from indicators.models import Indikator

    sasaran = ctx.get("sasaran") or {}
    if not sasaran:
        from targets.models import Sasaran

        sasaran = {s.kode: s for s in Sasaran.objects.filter(renstra=ctx["renstra"])}
    nomenklatur = ctx.get("nomenklatur") or {n.kode: n for n in Nomenklatur.objects.all()}
    ctx["indikator"] = {i.kode: i for i in Indikator.objects.filter(opd=ctx["opd"])}
    for urutan, (baris, row) in enumerate(sheet.rows, start=1):
        kode = sheet.text(baris, row, "kode", required=True, max_length=30)
        tingkat = sheet.choice(baris, row, "tingkat", TINGKAT_INDIKATOR)
        jenis = sheet.choice(baris, row, "jenis_nilai", JENIS_NILAI)
        values: dict[str, Any] = {
            "tingkat": tingkat,
            "jenis_nilai": jenis,
            "uraian": sheet.text(baris, row, "uraian", required=True, max_length=500),
            "satuan": sheet.text(baris, row, "satuan", required=True, max_length=50),
            "polaritas": sheet.choice(baris, row, "polaritas", ("positif", "negatif")),
            "metode_negatif": sheet.choice(baris, row, "metode_negatif", ("A", "B"), required=False, default="A", case="upper"),
            "agregasi": sheet.choice(baris, row, "agregasi", ("jumlah", "terakhir", "rata-rata")),
            "skala_predikat": sheet.choice(baris, row, "skala_predikat", ("AKIP", "IKM"), required=jenis == "predikat", case="upper"),
            "mode_predikat": sheet.choice(baris, row, "mode_predikat", ("numerik", "ordinal"), required=False, default="numerik"),
            "rumus": sheet.text(baris, row, "rumus"),
            "pembilang": sheet.text(baris, row, "pembilang"),
            "penyebut": sheet.text(baris, row, "penyebut"),
            "sumber_data": sheet.text(baris, row, "sumber_data", max_length=300),
            "alasan": sheet.text(baris, row, "alasan"),
            "dasar_hukum": sheet.text(baris, row, "dasar_hukum"),
            "urutan": urutan,
            "sasaran": None,
            "nomenklatur": None,
        }
        cap = sheet.decimal(baris, row, "cap_persen")
        if cap is not None and cap not in (100, 110, 120):
            sheet.error(baris, "cap_persen", "batas capaian hanya boleh 100, 110 atau 120.")
        values["cap_persen"] = int(cap) if cap in (100, 110, 120) else None
        if tingkat == "iku":
            sasaran_kode = sheet.text(baris, row, "sasaran_kode", required=True)
            if sasaran_kode and sasaran_kode not in sasaran:
                sheet.error(baris, "sasaran_kode", f"sasaran '{sasaran_kode}' tidak ada.")
            values["sasaran"] = sasaran.get(sasaran_kode)
        elif tingkat:
            teks = sheet.text(baris, row, "anggaran_kode", required=True)
            if teks:
                try:
                    normal = formulas.normalisasi_kode(teks)
                except ValueError as exc:
                    sheet.error(baris, "anggaran_kode", str(exc))
                    normal = ""
                if normal and normal not in nomenklatur:
                    sheet.error(baris, "anggaran_kode", f"kode anggaran '{normal}' tidak ada di sheet Anggaran maupun nomenklatur.")
                values["nomenklatur"] = nomenklatur.get(normal)
        if not kode or not all(values[k] for k in ("tingkat", "jenis_nilai", "uraian", "satuan", "polaritas", "agregasi")):
            continue
        if (tingkat == "iku" and values["sasaran"] is None) or (tingkat != "iku" and values["nomenklatur"] is None):
            continue
        obj = imp.upsert(
            sheet, baris, Indikator, {"opd": ctx["opd"], "kode": kode}, values, kode,
            {"sasaran": "sasaran_kode", "nomenklatur": "anggaran_kode"},
        )
        if obj:
            ctx["indikator"][kode] = obj


def _indikator_lookup(sheet: _Sheet, baris: int, row: dict, ctx: dict[str, Any]):
    from indicators.models import Indikator

    if "indikator" not in ctx:
        ctx["indikator"] = {i.kode: i for i in Indikator.objects.filter(opd=ctx["opd"])}
    kode = sheet.text(baris, row, "indikator_kode", required=True)
    if kode and kode not in ctx["indikator"]:
        sheet.error(baris, "indikator_kode", f"indikator '{kode}' tidak ada untuk perangkat daerah ini.")
        return None
    return ctx["indikator"].get(kode)


def _target(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from targets.models import Target

    renstra = ctx["renstra"]
    seen: set[tuple] = set()
    for baris, row in sheet.rows:
        indikator = _indikator_lookup(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        jenis = sheet.choice(baris, row, "jenis", ("renstra", "pk"))
        periode = sheet.periode(baris, row)
        nilai = sheet.decimal(baris, row, "nilai")
        predikat = sheet.text(baris, row, "predikat").upper()
        if tahun and jenis == "renstra" and not renstra.memuat(tahun):
            sheet.error(baris, "tahun", f"tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}.")
            continue
        if jenis == "renstra" and periode not in (None, 0):
            sheet.error(baris, "periode", "target Renstra selalu TAHUNAN.")
            continue
        if None in (indikator, tahun, periode) or not jenis:
            continue
        key = (indikator.kode, tahun, jenis, periode)
        if key in seen:
            sheet.error(baris, "indikator_kode", "baris dengan kunci yang sama sudah ada di sheet ini.")
            continue
        seen.add(key)
        if indikator.jenis_nilai == "predikat" and predikat and nilai is None:
            pass
        elif nilai is None:
            sheet.error(baris, "nilai", "wajib diisi (atau predikat untuk indikator berjenis predikat).")
            continue
        imp.upsert(
            sheet, baris, Target,
            {"indikator": indikator, "tahun": tahun, "jenis": jenis, "periode": periode},
            {"nilai": nilai, "predikat": predikat},
            f"{indikator.kode} {tahun} {jenis} {_periode_teks(periode)}",
        )


def _periode_teks(periode: int) -> str:
    return "TAHUNAN" if periode == 0 else f"TW{periode}"


def _realisasi(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from targets.models import Realisasi

    seen: set[tuple] = set()
    for baris, row in sheet.rows:
        indikator = _indikator_lookup(sheet, baris, row, ctx)
        tahun = sheet.year(baris, row, "tahun")
        periode = sheet.periode(baris, row)
        values = {
            "nilai": sheet.decimal(baris, row, "nilai"),
            "pembilang": sheet.decimal(baris, row, "pembilang"),
            "penyebut": sheet.decimal(baris, row, "penyebut"),
            "predikat": sheet.text(baris, row, "predikat").upper(),
            "faktor_pendukung": sheet.text(baris, row, "faktor_pendukung"),
            "faktor_penghambat": sheet.text(baris, row, "faktor_penghambat"),
            "upaya": sheet.text(baris, row, "upaya"),
            "catatan": sheet.text(baris, row, "catatan"),
        }
        if None in (indikator, tahun, periode):
            continue
        key = (indikator.kode, tahun, periode)
        if key in seen:
            sheet.error(baris, "indikator_kode", "baris dengan kunci yang sama sudah ada di sheet ini.")
            continue
        seen.add(key)
        imp.upsert(
            sheet, baris, Realisasi, {"indikator": indikator, "tahun": tahun, "periode": periode},
            values, f"{indikator.kode} {tahun} {_periode_teks(periode)}",
        )


def _anggaran(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from budget.models import Anggaran

    nomenklatur = ctx.get("nomenklatur", {})
    indikator = ctx.get("indikator")
    if indikator is None:
        from indicators.models import Indikator

        indikator = {i.kode: i for i in Indikator.objects.filter(opd=ctx["opd"])}
    seen: set[tuple] = set()
    for baris, row, kode in ctx.get("anggaran_rows", []):
        tahun = sheet.year(baris, row, "tahun")
        values: dict[str, Any] = {
            "pagu_murni": sheet.decimal(baris, row, "pagu_murni"),
            "pagu_perubahan": sheet.decimal(baris, row, "pagu_perubahan"),
            "realisasi": sheet.decimal(baris, row, "realisasi", required=True),
            "sumber_dana": sheet.text(baris, row, "sumber_dana", max_length=100),
        }
        for tw in range(1, 5):
            values[f"realisasi_tw{tw}"] = sheet.decimal(baris, row, f"realisasi_tw{tw}")
        if values["pagu_murni"] is None and values["pagu_perubahan"] is None:
            sheet.error(baris, "pagu_murni", "wajib diisi (atau pagu_perubahan).")
        links = []
        for code in [c.strip() for c in str(row.get("indikator_kode") or "").split(",") if c.strip()]:
            if code not in indikator:
                sheet.error(baris, "indikator_kode", f"indikator '{code}' tidak ada untuk perangkat daerah ini.")
            else:
                links.append(indikator[code])
        if tahun is None or kode not in nomenklatur or values["realisasi"] is None:
            continue
        if (tahun, kode) in seen:
            sheet.error(baris, "kode", f"kode {kode} tahun {tahun} sudah ada di sheet ini.")
            continue
        seen.add((tahun, kode))
        obj = imp.upsert(
            sheet, baris, Anggaran,
            {"opd": ctx["opd"], "tahun": tahun, "nomenklatur": nomenklatur[kode]},
            values, f"{kode} {tahun}",
        )
        if obj is None:
            continue
        current = set(obj.indikator.values_list("kode", flat=True)) if obj.pk else set()
        wanted = {i.kode for i in links}
        if current != wanted:
            obj.indikator.set(links)
            if imp.perubahan[-1].aksi == "tetap":
                imp.perubahan[-1] = type(imp.perubahan[-1])(
                    sheet.name, f"{kode} {tahun}", "ubah",
                    (("indikator", ", ".join(sorted(current)) or "—", ", ".join(sorted(wanted)) or "—"),),
                )


def _evaluasi_akip(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from indicators.models import EvaluasiAKIP

    komponen_sah = list(formulas.BOBOT_AKIP)
    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        komponen = sheet.text(baris, row, "komponen", required=True)
        if komponen and komponen not in komponen_sah:
            sheet.error(baris, "komponen", f"'{komponen}' bukan komponen AKIP; gunakan: {', '.join(komponen_sah)}.")
            continue
        values = {
            "bobot": sheet.decimal(baris, row, "bobot", required=True),
            "nilai": sheet.decimal(baris, row, "nilai", required=True),
            "nomor_lhe": sheet.text(baris, row, "nomor_lhe", max_length=200),
            "tanggal_lhe": sheet.date(baris, row, "tanggal_lhe"),
            "urutan": komponen_sah.index(komponen) + 1 if komponen else 0,
        }
        if tahun is None or not komponen or values["bobot"] is None or values["nilai"] is None:
            continue
        imp.upsert(sheet, baris, EvaluasiAKIP, {"opd": ctx["opd"], "tahun": tahun, "komponen": komponen},
                   values, f"AKIP {tahun} {komponen}")


def _ikm(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    from indicators.models import HasilIKM

    for baris, row in sheet.rows:
        tahun = sheet.year(baris, row, "tahun")
        nilai = sheet.decimal(baris, row, "nilai", required=True)
        if nilai is not None and not Decimal(25) <= nilai <= Decimal(100):
            sheet.error(baris, "nilai", "nilai IKM konversi harus antara 25 dan 100.")
            continue
        if tahun is None or nilai is None:
            continue
        imp.upsert(sheet, baris, HasilIKM, {"opd": ctx["opd"], "tahun": tahun},
                   {"nilai": nilai, "sumber": sheet.text(baris, row, "sumber", max_length=300)}, f"IKM {tahun}")


# Extension sheets: the report's profile data, printed figures and narrative.

def _simple(model_path: str, key_cols: tuple[str, ...], spec: dict[str, tuple[str, bool]], label: str):
    """A step for a flat sheet: spec maps column → (kind, required); kinds text/int/year/decimal."""

    def step(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
        from django.apps import apps

        model = apps.get_model(model_path)
        seen: set[tuple] = set()
        for urutan, (baris, row) in enumerate(sheet.rows, start=1):
            values: dict[str, Any] = {}
            for col, (kind, required) in spec.items():
                if kind == "text":
                    values[col] = sheet.text(baris, row, col, required=required)
                elif kind == "year":
                    values[col] = sheet.year(baris, row, col, required=required)
                else:
                    number = sheet.decimal(baris, row, col, required=required)
                    if kind == "int" and number is not None:
                        if number != number.to_integral_value() or number < 0:
                            sheet.error(baris, col, "harus bilangan bulat tidak negatif.")
                            number = None
                        else:
                            number = int(number)
                    values[col] = number
            if any(values[c] in (None, "") and spec[c][1] for c in spec):
                continue
            key = tuple(values[c] for c in key_cols)
            if key in seen:
                sheet.error(baris, key_cols[0], "baris dengan kunci yang sama sudah ada di sheet ini.")
                continue
            seen.add(key)
            if "urutan" in {f.name for f in model._meta.fields}:
                values["urutan"] = urutan
            lookup = {"opd": ctx["opd"], **{c: values.pop(c) for c in key_cols}}
            if "nomenklatur" in lookup:
                kode = lookup.pop("nomenklatur")
                nomenklatur = ctx.get("nomenklatur", {})
                try:
                    kode = formulas.normalisasi_kode(kode)
                except ValueError as exc:
                    sheet.error(baris, "anggaran_kode", str(exc))
                    continue
                if kode not in nomenklatur:
                    from budget.models import Nomenklatur

                    found = Nomenklatur.objects.filter(kode=kode).first()
                    if found is None:
                        sheet.error(baris, "anggaran_kode", f"kode anggaran '{kode}' tidak ada.")
                        continue
                    nomenklatur[kode] = found
                lookup["nomenklatur"] = nomenklatur[kode]
            imp.upsert(sheet, baris, model, lookup, values,
                       f"{label} " + " ".join(str(v) for v in key))

    return step


def _capaian_output(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    for _baris, row in sheet.rows:
        if "anggaran_kode" in row:
            row["nomenklatur"] = row["anggaran_kode"]
    _simple(
        "budget.CapaianOutput", ("tahun", "nomenklatur", "uraian"),
        {"tahun": ("year", True), "nomenklatur": ("text", True), "uraian": ("text", True),
         "satuan": ("text", False), "target": ("decimal", True), "realisasi": ("decimal", True)},
        "output",
    )(imp, sheet, ctx)


def _pengguna(imp: _Importer, sheet: _Sheet, ctx: dict[str, Any]) -> None:
    """Demo users are created by load_demo, not by a workbook import."""
    ctx.setdefault("pengguna", [row for _baris, row in sheet.rows])


STEPS = [
    ("Perangkat_Daerah", _perangkat_daerah),
    ("Tujuan", _tujuan),
    ("Sasaran", _sasaran),
    ("Anggaran", _nomenklatur_from_anggaran),
    ("Indikator", _indikator),
    ("Target", _target),
    ("Realisasi", _realisasi),
    ("Anggaran", _anggaran),
    ("Evaluasi_AKIP", _evaluasi_akip),
    ("IKM", _ikm),
    ("SDM", _simple("lkip.SdmKomposisi", ("tahun", "kategori"),
                    {"tahun": ("year", True), "kategori": ("text", True), "jumlah": ("int", True)}, "SDM")),
    ("Kebutuhan_Personil", _simple(
        "lkip.KebutuhanPersonil", ("nomor",),
        {"nomor": ("int", True), "jabatan": ("text", True), "kualifikasi_pendidikan": ("text", False),
         "beban_kerja": ("text", False)}, "kebutuhan personil")),
    ("Kategori_PPKS", _simple("lkip.KategoriPPKS", ("kode",),
                              {"kode": ("text", True), "nama": ("text", True)}, "PPKS")),
    ("Kejadian_Bencana", _simple(
        "lkip.KejadianBencana", ("tahun", "kejadian"),
        {"tahun": ("year", True), "kejadian": ("text", True), "kepala_keluarga": ("int", False),
         "jiwa": ("int", False), "sumber": ("text", False)}, "bencana")),
    ("Capaian_Output", _capaian_output),
    ("Angka_Tercetak", _simple(
        "reports.AngkaTercetak", ("tahun", "lokasi", "objek", "besaran"),
        {"tahun": ("year", True), "lokasi": ("text", True), "objek": ("text", True),
         "besaran": ("text", True), "teks": ("text", True)}, "tercetak")),
    ("Narasi", _simple("reports.NarasiLaporan", ("tahun", "bagian"),
                       {"tahun": ("year", True), "bagian": ("text", True), "judul": ("text", False),
                        "teks": ("text", False)}, "narasi")),
    ("Pengguna", _pengguna),
]

KNOWN_SHEETS = {name.lower(): name for name, _step in STEPS}
