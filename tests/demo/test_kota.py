"""The synthetic city: realistic, reproducible from its seed, beside the untouched demo agency."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from budget.models import Anggaran, Nomenklatur
from demo import kota_data
from demo.kota import KotaSudahAda, buat_kota, kode_opd
from demo.kota_anggaran import pohon_anggaran
from indicators.models import Indikator
from lkip import formulas
from lkip.models import PerangkatDaerah
from reports.dashboard import selectors
from reports.dashboard.versi import versi_data
from reports.health import ERROR, muat_konteks, periksa, periksa_konteks
from reports.laporan import build_laporan, render_html
from reports.models import LaporanTahunan, RiwayatStatus
from targets.models import Realisasi, Target

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def fingerprint() -> tuple:
    """Every generated value, independent of database ids."""
    return (
        sorted(
            Anggaran.objects.exclude(opd__kode="dinsos-kota-bekasi").values_list(
                "opd__kode",
                "tahun",
                "nomenklatur__kode",
                "pagu_murni",
                "pagu_perubahan",
                "realisasi",
                "realisasi_tw1",
                "realisasi_tw4",
            )
        ),
        sorted(
            Target.objects.exclude(indikator__opd__kode="dinsos-kota-bekasi").values_list(
                "indikator__opd__kode", "indikator__kode", "tahun", "jenis", "periode", "nilai"
            )
        ),
        sorted(
            Realisasi.objects.exclude(indikator__opd__kode="dinsos-kota-bekasi").values_list(
                "indikator__opd__kode", "indikator__kode", "tahun", "periode", "nilai"
            )
        ),
        sorted(PerangkatDaerah.objects.values_list("kode", "nama", "kepala_nama", "kepala_nip")),
        sorted(LaporanTahunan.objects.values_list("opd__kode", "tahun", "status", "status_sejak")),
        sorted(RiwayatStatus.objects.values_list("laporan__opd__kode", "aksi", "waktu")),
    )


def generated(*args, **kwargs) -> tuple:
    try:
        with transaction.atomic():
            buat_kota(*args, **kwargs)
            result = fingerprint()
            raise _Rollback
    except _Rollback:
        return result


class CityTests:
    def test_the_same_seed_gives_the_same_city_and_another_seed_another(self, demo):
        first = generated(4, 2, seed=7, rincian=2)
        assert first == generated(4, 2, seed=7, rincian=2)
        assert first != generated(4, 2, seed=8, rincian=2)

    def test_the_demo_agency_stays_untouched(self, demo):
        def snapshot():
            return (
                sorted(
                    Anggaran.objects.filter(opd=demo).values_list(
                        "nomenklatur__kode", "pagu_perubahan", "realisasi"
                    )
                ),
                sorted(
                    Realisasi.objects.filter(indikator__opd=demo).values_list(
                        "indikator__kode", "tahun", "nilai"
                    )
                ),
                sorted(
                    Nomenklatur.objects.filter(kode__startswith="1.06").values_list("kode", "nama")
                ),
            )

        before = snapshot()
        buat_kota(5, 2, seed=1, rincian=2)
        assert snapshot() == before
        assert PerangkatDaerah.objects.filter(pemda=demo.pemda).count() == 6

    def test_a_second_run_is_refused_with_a_clear_message(self, demo):
        buat_kota(2, 1, seed=1, rincian=1)
        with pytest.raises(KotaSudahAda, match="tidak dijalankan dua kali"):
            buat_kota(2, 1, seed=1, rincian=1)
        with pytest.raises(CommandError, match="tidak dijalankan dua kali"):
            call_command(
                "generate_demo_city",
                "--agencies",
                "2",
                "--years",
                "1",
                "--rincian",
                "1",
                stdout=StringIO(),
            )

    def test_without_the_demo_pemda_it_asks_for_load_demo_first(self, db):
        with pytest.raises(CommandError, match="load_demo"):
            call_command("generate_demo_city", "--agencies", "1", stdout=StringIO())

    def test_out_of_range_arguments_are_refused_in_indonesian(self, demo):
        for args in (
            ["--agencies", "0"],
            ["--agencies", "44"],
            ["--years", "9"],
            ["--rincian", "12"],
        ):
            with pytest.raises(CommandError, match="harus antara"):
                call_command("generate_demo_city", *args, stdout=StringIO())

    def test_an_agency_has_about_8_iku_10_program_indicators_and_300_budget_lines_per_year(
        self, demo
    ):
        out = StringIO()
        call_command(
            "generate_demo_city", "--agencies", "2", "--years", "3", "--seed", "1", stdout=out
        )
        assert "2 perangkat daerah" in out.getvalue()
        for d in kota_data.muat().opd[:2]:
            opd = PerangkatDaerah.objects.get(kode=kode_opd(d))
            assert 7 <= Indikator.objects.filter(opd=opd, tingkat="iku").count() <= 8
            assert Indikator.objects.filter(opd=opd, tingkat="program").count() == 10
            for year in (2024, 2025, 2026):
                assert 290 <= Anggaran.objects.filter(opd=opd, tahun=year).count() <= 310
            # Quarterly PK targets and realisations; the year in progress stops at TW III.
            assert Target.objects.filter(
                indikator__opd=opd, jenis="pk", periode__in=[1, 2, 3, 4]
            ).exists()
            assert Realisasi.objects.filter(indikator__opd=opd, tahun=2025, periode=4).exists()
            assert not Realisasi.objects.filter(indikator__opd=opd, tahun=2026, periode=4).exists()
            assert not Anggaran.objects.filter(
                opd=opd, tahun=2026, realisasi_tw4__isnull=False
            ).exists()

    def test_budget_codes_are_valid_nomenclature_of_the_agencys_own_urusan(self, demo):
        buat_kota(6, 1, seed=2, rincian=3)
        for d in kota_data.muat().opd[:6]:
            for code in Anggaran.objects.filter(opd__kode=kode_opd(d)).values_list(
                "nomenklatur__kode", flat=True
            ):
                assert formulas.normalisasi_kode(code) == code
                assert code.startswith(d.bidang + ".")
        # Parents hang off their parent code, so the tree is navigable.
        sub = Nomenklatur.objects.filter(tingkat="subkegiatan", kode__startswith="1.01.").first()
        assert (
            sub.induk.kode == formulas.kode_induk(sub.kode) and sub.induk.induk.tingkat == "program"
        )

    def test_every_code_has_one_name_across_agencies(self):
        names: dict[str, str] = {}
        kota = kota_data.muat()
        for d in kota.opd:
            for code, name in pohon_anggaran(kota, d):
                assert names.setdefault(code, name) == name, code
        assert len(kota.opd) == 43 and len({kode_opd(d) for d in kota.opd}) == 43

    def test_capaian_serapan_and_lkip_status_vary_across_the_city(self, demo):
        buat_kota(40, 2, seed=1, rincian=1)
        ringkasan = selectors.ringkasan_pemda(demo.pemda_id, 2024, versi_data())
        rows = [r for r in ringkasan.baris.values() if r.kode != "dinsos-kota-bekasi"]
        assert len({r.band for r in rows}) >= 4
        assert len({r.kelas_serapan for r in rows}) >= 3
        assert len({r.status for r in rows}) >= 2
        assert any(r.galat for r in rows) and any(not r.galat for r in rows)

    def test_the_deliberate_errors_are_found_by_the_data_health_check(self, demo):
        result = buat_kota(40, 2, seed=1, rincian=1)
        rules = {"bud2": "VR-BUD-2", "bud3": "VR-BUD-3", "data1": "VR-DATA-1"}
        assert set(result.galat_sengaja.values()) == set(rules)
        for kode, kind in result.galat_sengaja.items():
            findings = periksa(PerangkatDaerah.objects.get(kode=kode), 2024)
            assert any(t.aturan == rules[kind] and t.tingkat == ERROR for t in findings), (
                kode,
                findings,
            )
        clean = [d for d in kota_data.muat().opd[:40] if kode_opd(d) not in result.galat_sengaja]
        errors = Counter(
            t.aturan
            for d in clean
            for t in periksa(PerangkatDaerah.objects.get(kode=kode_opd(d)), 2024)
            if t.tingkat == ERROR
        )
        assert not errors, errors

    def test_the_bulk_health_check_finds_exactly_what_periksa_finds_for_each_agency(self, demo):
        buat_kota(8, 2, seed=5, rincian=2)
        for year in (2024, 2025):
            for ctx in muat_konteks(year, pemda_id=demo.pemda_id):
                assert periksa_konteks(ctx) == periksa(ctx.opd, year), ctx.opd.kode

    def test_the_lkip_report_builds_for_a_generated_agency(self, demo):
        buat_kota(1, 2, seed=1, rincian=2)
        laporan = build_laporan(kode_opd(kota_data.muat().opd[0]), 2024)
        html = render_html(laporan)
        assert "Dinas Pendidikan Kota Bekasi" in html and "Angka Partisipasi Murni" in html


class KotaPemdaTests:
    def test_a_city_of_more_years_widens_the_demos_rpjmd_and_its_last_year_moves_on(self, demo):
        from rpjmd.laporan import build_laporan_pemda
        from rpjmd.models import Pembiayaan, RealisasiPemda, Rpjmd

        # load_demo wrote the RPJMD 2024–2026 with 2024 as the year in progress
        buat_kota(1, 5, seed=1, rincian=1)  # 2024–2028
        rpjmd = Rpjmd.objects.get(pemda=demo.pemda)
        assert (rpjmd.tahun_awal, rpjmd.tahun_akhir) == (2024, 2028)
        assert "Indeks Pembangunan Manusia" in render_html(
            build_laporan_pemda(demo.pemda.kode, 2028)
        )
        tpt = dict(
            RealisasiPemda.objects.filter(indikator__kode="IKU-3").values_list("tahun", "tersedia")
        )
        assert [y for y, ada in sorted(tpt.items()) if not ada] == [2028]  # not 2024 any more
        dibayar = Pembiayaan.objects.filter(pemda=demo.pemda, uraian__startswith="Penyertaan")
        assert [p.tahun for p in dibayar.filter(realisasi=0)] == [2028]

    def test_a_pembiayaan_row_entered_by_hand_is_kept_when_the_city_is_generated(self, demo):
        from decimal import Decimal

        from rpjmd.models import JenisPembiayaan, Pembiayaan

        Pembiayaan.objects.create(
            pemda=demo.pemda,
            tahun=2025,
            jenis=JenisPembiayaan.PENERIMAAN,
            uraian="Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
            anggaran=Decimal(1),
            realisasi=Decimal(1),
            urutan=1,
        )
        buat_kota(1, 2, seed=1, rincian=1)
        silpa = Pembiayaan.objects.get(pemda=demo.pemda, tahun=2025, uraian__startswith="Sisa")
        assert silpa.anggaran == 1
        assert Pembiayaan.objects.filter(pemda=demo.pemda, tahun=2025).count() == 2

    def test_the_generated_city_has_its_own_lkip_built_from_its_agencies(self, demo):
        from rpjmd.laporan import build_laporan_pemda
        from rpjmd.models import Pembiayaan, RealisasiPemda, Rpjmd, TargetPemda, TautanSasaran

        result = buat_kota(4, 2, seed=1, rincian=1)
        assert result.pemda
        kode = demo.pemda.kode
        laporan = build_laporan_pemda(kode, 2025)
        html = render_html(laporan)
        assert "Indeks Pembangunan Manusia" in html and "belum tersedia" in html
        assert not RealisasiPemda.objects.get(indikator__kode="IKU-3", tahun=2025).tersedia
        # the demo agency's two links (load_demo) and each generated agency's first IKU
        assert TautanSasaran.objects.filter(sasaran__rpjmd__pemda=demo.pemda).count() == 2 + 4
        anggaran = next(t for t in laporan.semua_tabel() if t.judul.startswith("Pagu dan"))
        assert len(anggaran.baris) == 4 + 2 + 1  # the agencies, two recap rows, the total
        sumber = {r[5].teks for r in anggaran.baris[:-1]}
        assert sumber == {"baris anggaran perangkat daerah", "rekap anggaran pemda"}
        # growing the city later links the new agency and writes nothing twice
        jumlah = {m: m.objects.count() for m in (Rpjmd, TargetPemda, RealisasiPemda, Pembiayaan)}
        assert buat_kota(1, 2, seed=1, rincian=1, mulai=4).pemda
        assert TautanSasaran.objects.filter(sasaran__rpjmd__pemda=demo.pemda).count() == 2 + 5
        assert {m: m.objects.count() for m in jumlah} == jumlah
