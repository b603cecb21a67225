"""The evaluation's screens: the pemda's overview, one agency's worksheet, a sub-component's
criteria (self-assessment and evaluation side by side), evidence, and the steps."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from evaluasi import lhe as lhe_mod
from evaluasi import services
from evaluasi.cek import petunjuk, sumber_bukti
from evaluasi.models import (
    Bukti,
    Evaluasi,
    JenisBukti,
    Kualifikasi,
    LembarKerja,
    ModelPenilaian,
    Rekomendasi,
    StatusEvaluasi,
)
from evaluasi.riwayat import riwayat as riwayat_evaluasi
from evaluasi.services import Ditolak
from evaluasi.skor import AKHIR, MANDIRI, lembar_skor
from lkip import formulas
from lkip.access import get_opd, izin_wajib, opd_for_user, wajib_izin
from lkip.forms import BUKTI_MAKS, BuktiField
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.uploads import tolak_terlalu_besar, upload_limit

LIHAT = "evaluasi.view_evaluasi"


def _evaluasi(request: HttpRequest, kode: str, tahun: int) -> Evaluasi:
    opd = get_opd(request.user, kode)
    evaluasi = (
        Evaluasi.objects.filter(opd=opd, tahun=tahun).select_related("lembar", "opd__pemda").first()
    )
    if evaluasi is None:
        raise Http404("Evaluasi AKIP tahun ini belum dibuka untuk perangkat daerah ini.")
    return evaluasi


def isian_tanggal(label: str, **kwargs) -> forms.DateField:
    """A date picked in the browser's calendar (ISO on the wire), refused in words naming it."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"{label} wajib diisi.",
            "invalid": f"{label} bukan tanggal yang valid; pilih tanggal pada kalender.",
        },
        **kwargs,
    )


class LembarBaruForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun evaluasi (n)",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Tahun evaluasi wajib diisi.",
            "invalid": "Tahun evaluasi harus berupa angka tahun, mis. 2025.",
            "min_value": "Tahun evaluasi harus antara 2000 dan 2100.",
            "max_value": "Tahun evaluasi harus antara 2000 dan 2100.",
        },
    )
    mulai = isian_tanggal("Tanggal pembukaan penilaian mandiri")
    selesai = isian_tanggal("Tanggal penutupan penilaian mandiri")
    model = forms.ChoiceField(
        label="Model penilaian", choices=ModelPenilaian.choices, initial=ModelPenilaian.SUBKOMPONEN
    )
    perlu_reviu = forms.BooleanField(
        label="Reviu berjenjang: nilai evaluator disetujui penanggung jawab sebelum final",
        required=False,
    )


@login_required
@require_safe
def beranda(request: HttpRequest) -> HttpResponse:
    """Every agency the user may see with its evaluations; the Inspektorat opens a year here."""
    # Checked here rather than marked for the menu (like the dashboards): the menu of every page
    # without an agency would otherwise load the user's permissions for this one entry.
    wajib_izin(request.user, LIHAT)
    opd_list = list(opd_for_user(request.user))
    evaluasi = {}
    for e in Evaluasi.objects.filter(opd__in=opd_list).select_related("opd").order_by("-tahun"):
        evaluasi.setdefault(e.opd_id, []).append(e)
    hari = timezone.localdate()
    penugasan = getattr(request.user, "penugasan", None)
    lembar_tahun = (
        sorted(
            set(
                LembarKerja.objects.filter(pemda_id=penugasan.pemda_id).values_list(
                    "tahun", flat=True
                )
            ),
            reverse=True,
        )
        if penugasan and request.user.has_perm("evaluasi.change_kriteria")
        else []
    )
    form = LembarBaruForm(
        initial={"tahun": hari.year, "mulai": hari, "selesai": hari + datetime.timedelta(days=30)}
    )
    return render(
        request,
        "evaluasi/beranda.html",
        {
            "baris": [(o, evaluasi.get(o.pk, [])) for o in opd_list],
            "form": form if request.user.has_perm("evaluasi.add_lembarkerja") else None,
            "tahun_ini": hari.year,
            "lembar_tahun": lembar_tahun,
        },
    )


@login_required
@require_POST
@izin_wajib("evaluasi.add_lembarkerja")
def buka_tahun(request: HttpRequest) -> HttpResponse:
    """A worksheet for the year (the 88/2021 criteria, or a new version of the year's) and an
    evaluation for every agency of the pemda."""
    form = LembarBaruForm(request.POST)
    penugasan = getattr(request.user, "penugasan", None)
    if penugasan is None:
        raise Http404("Pengguna ini tidak ditugaskan ke pemda mana pun.")
    if not form.is_valid():
        # Each message names its field and ends in a full stop: joined as sentences.
        pesan = " ".join(e for galat in form.errors.values() for e in galat)
        messages.error(request, f"Evaluasi tidak dibuka. {pesan}")
        return redirect("evaluasi:beranda")
    d = form.cleaned_data
    try:
        lembar = services.lembar_berlaku(penugasan.pemda, d["tahun"])
        if lembar is None:
            lembar = services.buat_lembar(
                penugasan.pemda,
                d["tahun"],
                d["mulai"],
                d["selesai"],
                model=d["model"],
                perlu_reviu=d["perlu_reviu"],
            )
        baru = 0
        for opd in opd_for_user(request.user):
            _, dibuat = Evaluasi.objects.get_or_create(
                opd=opd, tahun=d["tahun"], defaults={"lembar": lembar}
            )
            baru += dibuat
    except Ditolak as exc:
        messages.error(request, str(exc))
        return redirect("evaluasi:beranda")
    messages.success(
        request, f"Evaluasi AKIP {d['tahun']} dibuka untuk {baru} perangkat daerah baru."
    )
    return redirect("evaluasi:beranda")


def _lakukan(
    request: HttpRequest, evaluasi: Evaluasi, langkah: Callable[[], object], berhasil: str
) -> HttpResponse:
    """One step of the evaluation's flow, confirmed: its message, or the service's refusal,
    and back to the worksheet."""
    try:
        langkah()
        messages.success(request, berhasil)
    except Ditolak as exc:
        messages.error(request, str(exc))
    return redirect(_kembali(evaluasi.opd.kode, evaluasi.tahun))


def _peran(request: HttpRequest, evaluasi: Evaluasi) -> dict:
    user = request.user
    bisa_mandiri = user.has_perm("evaluasi.isi_mandiri") and not services.alasan_tidak_bisa_mandiri(
        evaluasi
    )
    bisa_nilai = user.has_perm("evaluasi.nilai_evaluasi") and evaluasi.status == (
        StatusEvaluasi.PENILAIAN
    )
    return {
        "bisa_mandiri": bisa_mandiri,
        "bisa_nilai": bisa_nilai,
        "alasan_mandiri": services.alasan_tidak_bisa_mandiri(evaluasi)
        if user.has_perm("evaluasi.isi_mandiri")
        else None,
        "bisa_reviu": user.has_perm("evaluasi.reviu_evaluasi")
        and evaluasi.status == StatusEvaluasi.REVIU,
        "bisa_buka": user.has_perm("evaluasi.nilai_evaluasi") and evaluasi.adalah_final,
        "bisa_ttd": user.has_perm("evaluasi.tandatangani_lhe")
        and lhe_mod.alasan_tidak_bisa_tandatangani(evaluasi) is None,
    }


def remah(evaluasi: Evaluasi) -> list[tuple[str, str]]:
    """The crumbs of the evaluation's pages below the agency: Evaluasi AKIP › the year."""
    return [
        ("Evaluasi AKIP", reverse("evaluasi:beranda")),
        (str(evaluasi.tahun), _kembali(evaluasi.opd.kode, evaluasi.tahun)),
    ]


@login_required
@require_safe
@izin_wajib(LIHAT)
def lembar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """One agency's worksheet: the scores of both sides per component and sub-component, steps."""
    evaluasi = _evaluasi(request, kode, tahun)
    skor = lembar_skor(evaluasi)
    peran = _peran(request, evaluasi)
    # Offered only when they can succeed; otherwise the page says why.
    alasan_ajukan = (
        services.alasan_tidak_bisa_ajukan(evaluasi, skor) if peran["bisa_mandiri"] else None
    )
    alasan_finalkan = (
        services.alasan_tidak_bisa_finalkan(evaluasi, skor) if peran["bisa_nilai"] else None
    )
    lalu = (
        Rekomendasi.objects.filter(evaluasi__opd=evaluasi.opd, evaluasi__tahun__lt=tahun)
        .terbuka()
        .select_related("evaluasi", "komponen")
    )
    return render(
        request,
        "evaluasi/lembar.html",
        {
            "opd": evaluasi.opd,
            "evaluasi": evaluasi,
            "skor": skor,
            "lhe": evaluasi.lhe_set.order_by("-revisi").first(),
            "lalu": lalu,
            "hari": timezone.localdate(),
            "alasan_ajukan": alasan_ajukan,
            "alasan_finalkan": alasan_finalkan,
            **peran,
        },
    )


@login_required
@izin_wajib(LIHAT)
def sub(request: HttpRequest, kode: str, tahun: int, sub: str) -> HttpResponse:
    """A sub-component's criteria: the agency's answer and evidence beside the evaluator's."""
    evaluasi = _evaluasi(request, kode, tahun)
    skor = lembar_skor(evaluasi)
    bagian = skor.sub_dengan_slug(sub)
    if bagian is None:
        raise Http404("Sub-komponen tidak ditemukan.")
    peran = _peran(request, evaluasi)
    if request.method == "POST":
        jenis = request.POST.get("jenis")
        if jenis == MANDIRI:
            wajib_izin(request.user, "evaluasi.isi_mandiri")
        elif jenis == AKHIR:
            wajib_izin(request.user, "evaluasi.nilai_evaluasi")
        else:
            raise Http404("Jenis jawaban tidak dikenal.")
        isian = {
            b.kriteria.pk: (
                request.POST.get(f"jawaban-{b.kriteria.pk}", ""),
                request.POST.get(f"teks-{b.kriteria.pk}", ""),
            )
            for b in bagian.baris
        }
        kualifikasi = {}
        if evaluasi.lembar.model == ModelPenilaian.SUBKOMPONEN and "kualifikasi" in request.POST:
            try:
                kualifikasi[bagian.sub.pk] = int(request.POST["kualifikasi"])
            except ValueError:
                kualifikasi[bagian.sub.pk] = -1
        penyesuaian = {}
        if jenis == AKHIR and "nilai_penyesuaian" in request.POST:
            penyesuaian[bagian.sub.pk] = (
                request.POST.get("nilai_penyesuaian", ""),
                request.POST.get("alasan_penyesuaian", ""),
            )
        try:
            n = services.simpan_jawaban(evaluasi, jenis, isian, kualifikasi, penyesuaian)
        except Ditolak as exc:
            messages.error(request, f"Tidak ada yang disimpan. {exc}")
            return render(
                request,
                "evaluasi/sub.html",
                _konteks_sub(evaluasi, skor, bagian, peran, request.POST),
                status=400,
            )
        messages.success(request, f"Penilaian {bagian.sub.kode} disimpan ({n} isian berubah).")
        return redirect("evaluasi:sub", kode=kode, tahun=tahun, sub=sub)
    return render(request, "evaluasi/sub.html", _konteks_sub(evaluasi, skor, bagian, peran))


def _konteks_sub(evaluasi, skor, bagian, peran, data=None) -> dict:
    subs = skor.subs
    i = subs.index(bagian)
    hint = petunjuk(evaluasi)
    baris = []
    for b in bagian.baris:
        isi_m = data.get(f"jawaban-{b.kriteria.pk}", b.mandiri) if data else b.mandiri
        teks_m = (
            data.get(f"teks-{b.kriteria.pk}", b.jawaban.penjelasan if b.jawaban else "")
            if data
            else (b.jawaban.penjelasan if b.jawaban else "")
        )
        isi_a = data.get(f"jawaban-{b.kriteria.pk}", b.akhir) if data else b.akhir
        teks_a = (
            data.get(f"teks-{b.kriteria.pk}", b.jawaban.catatan if b.jawaban else "")
            if data
            else (b.jawaban.catatan if b.jawaban else "")
        )
        baris.append(
            {
                "b": b,
                "pilihan": ["Y", "T"] if b.tipe == "yt" else ["A", "B", "C", "D", "E"],
                "isi_mandiri": isi_m,
                "teks_mandiri": teks_m,
                "isi_akhir": isi_a,
                "teks_akhir": teks_a,
                "petunjuk": hint.get(b.kriteria.cek) if b.kriteria.cek else None,
            }
        )
    return {
        "opd": evaluasi.opd,
        "evaluasi": evaluasi,
        "skor": skor,
        "bagian": bagian,
        "baris": baris,
        "model_grade": evaluasi.lembar.model == ModelPenilaian.SUBKOMPONEN,
        "kualifikasi": Kualifikasi.choices,
        "penyesuaian_nilai": (
            data.get("nilai_penyesuaian", "")
            if data
            else (formulas.format_angka(bagian.penyesuaian[0]) if bagian.penyesuaian else "")
        ),
        "penyesuaian_alasan": (
            data.get("alasan_penyesuaian", "")
            if data
            else (bagian.penyesuaian[1] if bagian.penyesuaian else "")
        ),
        "sebelum": subs[i - 1] if i > 0 else None,
        "sesudah": subs[i + 1] if i + 1 < len(subs) else None,
        **peran,
    }


class BuktiForm(forms.Form):
    sumber = forms.ChoiceField(label="Data dari aplikasi ini", required=False)
    berkas = BuktiField(label="atau unggah berkas (PDF, PNG, JPEG; paling besar 5 MB)")
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=300)

    def __init__(self, *args, sumber=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sumber"].choices = [("", "— pilih —")] + [(s.kunci, s.label) for s in sumber]


@login_required
@upload_limit(BUKTI_MAKS)
@izin_wajib(LIHAT)
def bukti(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    """One criterion's evidence: links into this application and uploaded files."""
    evaluasi = _evaluasi(request, kode, tahun)
    skor = lembar_skor(evaluasi)
    baris = next((b for s in skor.subs for b in s.baris if b.kriteria.pk == pk), None)
    if baris is None:
        raise Http404("Kriteria tidak ditemukan.")
    sumber = sumber_bukti(evaluasi)
    peran = _peran(request, evaluasi)
    form = BuktiForm(sumber=sumber)
    status = 200
    if request.method == "POST":
        wajib_izin(request.user, "evaluasi.isi_mandiri")
        if "hapus" in request.POST:
            if not dikonfirmasi(request):
                return minta_konfirmasi(
                    request,
                    judul="Hapus bukti",
                    pertanyaan=f"Hapus bukti ini dari kriteria {baris.kriteria.kode}?",
                    tombol="Ya, hapus",
                    batal=request.path,
                    akibat=["Berkas unggahan ikut dihapus dari penyimpanan."],
                    opd=evaluasi.opd,
                    remah=[
                        *remah(evaluasi),
                        (
                            baris.kriteria.sub.kode,
                            reverse(
                                "evaluasi:sub",
                                args=[kode, tahun, baris.kriteria.sub.kode.replace(".", "")],
                            ),
                        ),
                        (f"Bukti {baris.kriteria.kode}", request.path),
                    ],
                )
            try:
                services.hapus_bukti(evaluasi, int(request.POST["hapus"]))
                messages.success(request, "Bukti dihapus.")
            except (Ditolak, ValueError) as exc:
                messages.error(request, str(exc) or "Bukti tidak dikenal.")
            return redirect("evaluasi:bukti", kode=kode, tahun=tahun, pk=pk)
        form = BuktiForm(request.POST, request.FILES, sumber=sumber)
        if tolak_terlalu_besar(request, form, "berkas", "Berkas bukti"):
            status = 413
        elif form.is_valid():
            d = form.cleaned_data
            try:
                services.tambah_bukti(
                    evaluasi,
                    pk,
                    request.user,
                    sumber=d["sumber"],
                    berkas=d["berkas"],
                    keterangan=d["keterangan"],
                )
            except Ditolak as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, "Bukti ditambahkan.")
                return redirect("evaluasi:bukti", kode=kode, tahun=tahun, pk=pk)
        else:
            status = 400
    label = {s.kunci: s for s in sumber}
    daftar = [(b, label.get(f"{b.jenis}:{b.objek}")) for b in baris.bukti]
    return render(
        request,
        "evaluasi/bukti.html",
        {
            "opd": evaluasi.opd,
            "evaluasi": evaluasi,
            "baris": baris,
            "daftar": daftar,
            "form": form,
            "berkas_jenis": JenisBukti.BERKAS,
            "sub_slug": baris.kriteria.sub.kode.replace(".", ""),
            **peran,
        },
        status=status,
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def unduh_bukti(request: HttpRequest, kode: str, tahun: int, pk: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    obj = Bukti.objects.filter(pk=pk, jawaban__evaluasi=evaluasi).first()
    if obj is None or not obj.berkas:
        raise Http404("Berkas bukti tidak ditemukan.")
    try:
        handle = obj.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti tidak ditemukan.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"bukti-lke-{obj.pk}-{obj.berkas.name.rsplit('/', 1)[-1]}",
    )


def _kembali(kode: str, tahun: int) -> str:
    return reverse("evaluasi:lembar", args=[kode, tahun])


@login_required
@require_POST
@izin_wajib("evaluasi.isi_mandiri")
def ajukan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    if not dikonfirmasi(request):
        skor = lembar_skor(evaluasi)
        alasan = services.alasan_tidak_bisa_ajukan(evaluasi, skor)
        return minta_konfirmasi(
            request,
            judul="Ajukan penilaian mandiri",
            pertanyaan=(
                f"Ajukan penilaian mandiri {evaluasi.opd.nama} tahun {tahun} ke Inspektorat?"
            ),
            tombol="Ya, ajukan",
            batal=_kembali(kode, tahun),
            akibat=[
                f"{skor.terisi_mandiri} dari {skor.jumlah_kriteria} kriteria sudah dijawab.",
                "Setelah diajukan, jawaban, penjelasan dan bukti tidak dapat diubah lagi.",
            ],
            terhalang=[alasan] if alasan else [],
            opd=evaluasi.opd,
            remah=remah(evaluasi),
        )
    return _lakukan(
        request,
        evaluasi,
        lambda: services.ajukan_mandiri(evaluasi),
        "Penilaian mandiri diajukan ke Inspektorat.",
    )


@login_required
@require_POST
@izin_wajib("evaluasi.nilai_evaluasi")
def finalkan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    nomor = request.POST.get("nomor_lhe", "").strip()
    try:
        tanggal = forms.DateField().clean(request.POST.get("tanggal_lhe"))
    except forms.ValidationError:
        messages.error(request, "Tanggal LHE wajib diisi dengan tanggal yang valid.")
        return redirect(_kembali(kode, tahun))
    if not dikonfirmasi(request):
        skor = lembar_skor(evaluasi)
        alasan = services.alasan_tidak_bisa_finalkan(evaluasi, skor)
        return minta_konfirmasi(
            request,
            judul="Finalkan evaluasi",
            pertanyaan=f"Finalkan evaluasi AKIP {evaluasi.opd.nama} tahun {tahun}?",
            tombol="Ya, finalkan",
            batal=_kembali(kode, tahun),
            akibat=[
                f"Nilai akhir {formulas.format_angka(skor.total_akhir)} (predikat "
                f"{skor.predikat_akhir}); LHE nomor {nomor or '—'}.",
                f"Komponen Evaluasi AKIP dan realisasi indikator AKIP LKIP {tahun} diisi dari "
                "hasil ini."
                if not evaluasi.lembar.perlu_reviu
                else "Nilai diajukan ke penanggung jawab untuk direviu.",
            ],
            terhalang=[alasan] if alasan else [],
            opd=evaluasi.opd,
            remah=remah(evaluasi),
        )
    return _lakukan(
        request,
        evaluasi,
        lambda: services.finalkan(evaluasi, request.user, nomor_lhe=nomor, tanggal_lhe=tanggal),
        "Evaluasi difinalkan.",
    )


@login_required
@require_POST
@izin_wajib("evaluasi.reviu_evaluasi")
def reviu(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    if request.POST.get("aksi") == "setujui":
        return _lakukan(
            request,
            evaluasi,
            lambda: services.setujui_reviu(evaluasi, request.user),
            "Nilai disetujui; evaluasi final.",
        )
    return _lakukan(
        request,
        evaluasi,
        lambda: services.kembalikan_reviu(evaluasi, request.POST.get("alasan", "")),
        "Dikembalikan ke evaluator.",
    )


@login_required
@require_POST
@izin_wajib("evaluasi.nilai_evaluasi")
def buka_kembali(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    evaluasi = _evaluasi(request, kode, tahun)
    alasan = request.POST.get("alasan", "").strip()
    if not dikonfirmasi(request):
        return minta_konfirmasi(
            request,
            judul="Buka kembali evaluasi",
            pertanyaan=f"Buka kembali evaluasi AKIP {evaluasi.opd.nama} tahun {tahun}?",
            tombol="Ya, buka kembali",
            batal=_kembali(kode, tahun),
            akibat=[f"Alasan (dicatat di riwayat): {alasan or '—'}"],
            terhalang=[] if alasan else ["Alasan membuka kembali wajib diisi."],
            opd=evaluasi.opd,
            remah=remah(evaluasi),
        )
    return _lakukan(
        request,
        evaluasi,
        lambda: services.buka_kembali(evaluasi, alasan),
        "Evaluasi dibuka kembali untuk penilaian.",
    )


@login_required
@require_safe
@izin_wajib(LIHAT)
def riwayat(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Every change of the evaluation (evaluasi.riwayat), newest first."""
    evaluasi = _evaluasi(request, kode, tahun)
    return render(
        request,
        "evaluasi/riwayat.html",
        {"opd": evaluasi.opd, "evaluasi": evaluasi, "entri": riwayat_evaluasi(evaluasi)},
    )
