import pytest


@pytest.fixture
def demo(db):
    """The demo agency (Dinas Sosial Kota Bekasi 2024) loaded through the workbook import."""
    from lkip.demo import load_demo
    from lkip.models import PerangkatDaerah

    result, _users = load_demo()
    assert result.ok, result.errors
    return PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi")
