"""The pemda dashboard at province scale: its rows are kept agency by agency under each agency's
fingerprint, so a change recomputes the changed agency's row only, every kind of write shows on the
next request, and a change in another pemda recomputes nothing."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget.models import Anggaran, Nomenklatur
from demo.kota import buat_kota
from demo.opd import DEMO_PASSWORD
from exchange.importer import impor
from indicators.models import Indikator
from lkip.models import PerangkatDaerah, SdmKomposisi
from reports.dashboard import selectors, sidik, versi
from reports.dashboard.versi import kosongkan_lokal
from reports.models import (
    AksiAlur,
    AngkaTercetak,
    BagianNarasi,
    Besaran,
    LaporanTahunan,
    NarasiLaporan,
    RiwayatStatus,
    StatusLaporan,
)
from skm.models import JenisPeriode, PeriodeSurvei, Responden, UnitLayanan
from targets.models import Realisasi, Target
from tests.exchange.test_importer import workbook

pytestmark = pytest.mark.django_db

URL = "/dasbor/?tahun=2024"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    kosongkan_lokal()
    yield
    cache.clear()
    kosongkan_lokal()


@pytest.fixture
def kota(demo):
    """The demo agency and two synthetic agencies of Kota Bekasi, one agency of another pemda."""
    buat_kota(2, 1, seed=1, rincian=1)
    buat_kota(1, 1, seed=1, rincian=1, pemda_ke=2)
    kosongkan_lokal()  # written in bulk (no signal): read the version afresh
    return demo


@pytest.fixture
def inspektorat(kota, client):
    assert client.login(username="inspektorat.bekasi", password=DEMO_PASSWORD)
    return client


@pytest.fixture
def computed(monkeypatch) -> list[list[str]]:
    """The agencies whose rows are computed, call by call (the real function runs)."""
    calls: list[list[str]] = []
    real = selectors._baris_opd

    def spy(opd_ids, tahun):
        calls.append(
            sorted(PerangkatDaerah.objects.filter(pk__in=opd_ids).values_list("kode", flat=True))
        )
        return real(opd_ids, tahun)

    monkeypatch.setattr(selectors, "_baris_opd", spy)
    return calls


def realisasi_of(kode: str) -> Realisasi:
    return Realisasi.objects.filter(indikator__opd__kode=kode, tahun=2024).order_by("pk").first()


def fingerprints(pemda_id: int) -> dict[str, str]:
    by_id = sidik.hitung_sidik(pemda_id).opd
    codes = dict(PerangkatDaerah.objects.filter(pk__in=by_id).values_list("pk", "kode"))
    return {codes[pk]: value for pk, value in by_id.items()}


class RowsPerAgencyTests:
    def test_a_change_in_one_agency_recomputes_that_agencys_row_only(self, inspektorat, computed):
        assert inspektorat.get(URL).status_code == 200
        assert computed == [["dinkes-kota-bekasi", "dinsos-kota-bekasi", "disdik-kota-bekasi"]]
        before = inspektorat.get(URL).text
        real = realisasi_of("disdik-kota-bekasi")
        real.nilai = real.nilai * 2
        real.save()
        after = inspektorat.get(URL).text
        assert computed[1:] == [["disdik-kota-bekasi"]]
        assert after != before  # the changed row is shown

    def test_a_change_in_another_pemda_recomputes_nothing(self, inspektorat, computed):
        inspektorat.get(URL)
        real = realisasi_of("disdik-sintetis-02")
        real.nilai = real.nilai * 2
        real.save()
        with CaptureQueriesContext(connection) as queries:
            assert inspektorat.get(URL).status_code == 200
        assert computed == [["dinkes-kota-bekasi", "dinsos-kota-bekasi", "disdik-kota-bekasi"]]
        # The version moved, so the fingerprints are read; the page body is the one kept: neither
        # the years (Renstra), nor the rows, nor the survey are read again.
        sql = [q["sql"] for q in queries.captured_queries]
        assert any('FROM "lkip_perangkatdaerah" o' in q for q in sql), sql
        for table in ("targets_renstra", "indicators_indikator", "skm_responden"):
            assert not any(q.startswith(f'SELECT "{table}"') for q in sql), (table, sql)

    def test_the_fingerprints_take_three_queries_for_one_agency_or_many(self, kota):
        with CaptureQueriesContext(connection) as queries:
            found = sidik.hitung_sidik(kota.pemda_id)
        assert len(found.opd) == 3 and len(queries) == 3
        buat_kota(30, 1, seed=2, rincian=1, mulai=2)
        with CaptureQueriesContext(connection) as queries:
            found = sidik.hitung_sidik(kota.pemda_id)
        assert len(found.opd) == 33 and len(queries) == 3

    def test_the_rows_are_listed_by_name_as_before(self, inspektorat):
        rows = selectors.ringkasan_pemda(inspektorat_pemda(), 2024, "v").baris.values()
        names = [row.nama for row in rows]
        assert names == sorted(names)


def inspektorat_pemda() -> int:
    return PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi").pemda_id


# Each kind of write: (what must be there first, or None; the write itself).


def _save_realisasi(kode):
    real = realisasi_of(kode)
    real.nilai += 1
    real.save()


def _delete_target(kode):
    Target.objects.filter(indikator__opd__kode=kode).order_by("pk").first().delete()


def _bulk_realisasi(kode):
    ind = Indikator.objects.filter(opd__kode=kode).order_by("pk").last()
    Realisasi.objects.bulk_create([Realisasi(indikator=ind, tahun=2019, periode=0, nilai=1)])


def _laporan(kode):
    LaporanTahunan.objects.get_or_create(opd=PerangkatDaerah.objects.get(kode=kode), tahun=2024)


def _status(kode):
    # as the workflow's step writes it (reports/workflow.py)
    lt = LaporanTahunan.objects.get(opd__kode=kode, tahun=2024)
    RiwayatStatus.objects.create(
        laporan=lt,
        dari=lt.status,
        ke=StatusLaporan.DIAJUKAN,
        aksi=AksiAlur.AJUKAN,
        oleh=User.objects.get(username="perencana.disdik"),
    )
    lt.status, lt.status_sejak = StatusLaporan.DIAJUKAN, timezone.now()
    lt.save(update_fields=["status", "status_sejak"])


def _printed(kode):
    AngkaTercetak.objects.create(
        opd=PerangkatDaerah.objects.get(kode=kode),
        tahun=2024,
        lokasi="Tabel 3.1 baris 1",
        besaran=Besaran.TOTAL_PAGU,
        objek="opd",
        teks="Rp 1.000",
    )


def _printed_deleted(kode):
    AngkaTercetak.objects.filter(opd__kode=kode).delete()  # Django's fast delete: no signal


def _narrative(kode):
    NarasiLaporan.objects.create(
        opd=PerangkatDaerah.objects.get(kode=kode),
        tahun=2024,
        bagian=BagianNarasi.KATA_PENGANTAR,
        teks="Baru.",
    )


def _staff(kode):
    SdmKomposisi.objects.create(
        opd=PerangkatDaerah.objects.get(kode=kode), tahun=2024, kategori="PNS", jumlah=12
    )


def _staff_count(kode):
    SdmKomposisi.objects.filter(opd__kode=kode).update(jumlah=13)  # a count edited in place


def _survey_periode(kode):
    opd = PerangkatDaerah.objects.get(kode=kode)
    UnitLayanan.objects.create(opd=opd, nama="Loket 1")
    PeriodeSurvei.objects.create(opd=opd, tahun=2024, jenis=JenisPeriode.TAHUN)


def _survey(kode):
    opd = PerangkatDaerah.objects.get(kode=kode)
    unit, periode = UnitLayanan.objects.get(opd=opd), PeriodeSurvei.objects.get(opd=opd)
    Responden.objects.bulk_create(  # as the paper-answer import writes them
        [Responden(opd=opd, unit_layanan=unit, periode=periode, tanggal="2024-05-02", u1=4)]
    )


def _head(kode):
    opd = PerangkatDaerah.objects.get(kode=kode)
    opd.kepala_nama = "Dr. Baru, M.Si."
    opd.save()


def _link(kode):
    line = Anggaran.objects.filter(opd__kode=kode).order_by("pk").first()
    line.indikator.add(Indikator.objects.filter(opd__kode=kode).order_by("pk").first())


WRITES = {
    "ORM save": (None, _save_realisasi),
    "ORM delete": (None, _delete_target),
    "bulk insert": (None, _bulk_realisasi),
    "status change": (_laporan, _status),
    "printed figure": (None, _printed),
    "printed figure deleted in bulk": (_printed, _printed_deleted),
    "narrative": (None, _narrative),
    "staff": (None, _staff),
    "staff count edited in bulk": (_staff, _staff_count),
    "survey response": (_survey_periode, _survey),
    "agency's head": (None, _head),
    "budget line linked to an indicator": (None, _link),
}
KODE = "disdik-kota-bekasi"


class EachWriteTests:
    @pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
    def test_each_kind_of_write_shows_on_the_next_request_and_recomputes_only_its_agency(
        self, inspektorat, computed, write
    ):
        setup, change = WRITES[write]
        if setup:
            setup(KODE)
        pemda_id = inspektorat_pemda()
        other = sidik.hitung_sidik(PerangkatDaerah.objects.get(kode="disdik-sintetis-02").pemda_id)
        versi._TERAKHIR.clear()  # as if the 1 s reuse had passed (bulk writes send no signal)
        assert inspektorat.get(URL).status_code == 200
        before = fingerprints(pemda_id)
        computed.clear()
        change(KODE)
        after = fingerprints(pemda_id)
        assert after[KODE] != before[KODE]
        assert {k: v for k, v in after.items() if k != KODE} == {
            k: v for k, v in before.items() if k != KODE
        }
        assert sidik.hitung_sidik(other.pemda_id) == other  # the other pemda: untouched
        versi._TERAKHIR.clear()
        assert inspektorat.get(URL).status_code == 200
        assert computed == [[KODE]]

    def test_an_update_that_bypasses_the_model_still_changes_status_and_head_by_value(self, kota):
        _laporan(KODE)
        before = fingerprints(kota.pemda_id)[KODE]
        LaporanTahunan.objects.filter(opd__kode=KODE).update(status=StatusLaporan.DIREVIU)
        after_status = fingerprints(kota.pemda_id)[KODE]
        PerangkatDaerah.objects.filter(kode=KODE).update(kepala_nama="Dr. Lain")
        assert len({before, after_status, fingerprints(kota.pemda_id)[KODE]}) == 3

    def test_a_workbook_import_shows_in_the_importing_agencys_fingerprint(self, db):
        assert impor(workbook()).ok
        opd = PerangkatDaerah.objects.get(kode="dinas-uji")
        before = sidik.hitung_sidik(opd.pemda_id)
        book = workbook()
        book["Realisasi"][0]["pembilang"] = "16.000"
        assert impor(book).ok
        assert sidik.hitung_sidik(opd.pemda_id).opd[opd.pk] != before.opd[opd.pk]

    def test_a_nomenclature_change_changes_what_every_row_shares(self, kota):
        before = sidik.hitung_sidik(kota.pemda_id)
        nomen = Nomenklatur.objects.order_by("pk").first()
        nomen.nama += " (diubah)"
        nomen.save()
        after = sidik.hitung_sidik(kota.pemda_id)
        assert after.bersama != before.bersama and after.semua != before.semua

    def test_the_page_shows_a_saved_change_at_once(self, inspektorat):
        before = inspektorat.get(URL).text
        real = realisasi_of("dinkes-kota-bekasi")
        real.nilai = Decimal(0)
        real.save()
        assert inspektorat.get(URL).text != before

    def test_the_page_shows_a_status_change_at_once(self, inspektorat):
        assert "Diajukan" not in row(inspektorat.get(URL).text, "Dinas Kesehatan Kota Bekasi")
        lt, _ = LaporanTahunan.objects.get_or_create(
            opd=PerangkatDaerah.objects.get(kode="dinkes-kota-bekasi"), tahun=2024
        )
        # as the workflow's step writes it (reports/workflow.py)
        RiwayatStatus.objects.create(
            laporan=lt,
            dari=lt.status,
            ke=StatusLaporan.DIAJUKAN,
            aksi=AksiAlur.AJUKAN,
            oleh=User.objects.get(username="perencana.dinkes"),
        )
        lt.status, lt.status_sejak = StatusLaporan.DIAJUKAN, timezone.now()
        lt.save(update_fields=["status", "status_sejak"])
        assert "Diajukan" in row(inspektorat.get(URL).text, "Dinas Kesehatan Kota Bekasi")


def row(html: str, name: str) -> str:
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?" + re.escape(name) + r".*?</tr>", html, re.S)
    assert match, f"{name} not in the table"
    return match.group(0)


class AccessVersionTests:
    def test_the_access_version_moves_with_roles_and_assignments_not_with_other_data(self, kota):
        access, data = versi.versi_akses(), versi.versi_data()
        _save_realisasi(KODE)
        assert versi.versi_data() != data
        assert versi.versi_akses() == access
        user = User.objects.get(username="inspektorat.bekasi")
        user.groups.clear()
        assert versi.versi_akses() != access
        access = versi.versi_akses()
        penugasan = user.penugasan
        penugasan.opd = kota
        penugasan.save()
        assert versi.versi_akses() != access

    def test_another_pemdas_save_leaves_the_access_decision_in_the_session_alone(
        self, inspektorat, computed
    ):
        inspektorat.get(URL)
        _save_realisasi("disdik-sintetis-02")
        with CaptureQueriesContext(connection) as queries:
            assert inspektorat.get(URL).status_code == 200
        sql = [q["sql"] for q in queries.captured_queries]
        assert not any("auth_permission" in q for q in sql), sql  # access not decided again
        assert not any(q.startswith('UPDATE "django_session"') for q in sql), sql
