"""The login lock-out behind the HTTPS proxy: keyed on the client's address and the username.

Probe #15: keyed on REMOTE_ADDR, which behind the proxy is the proxy's for everyone, 20 failed
logins locked out a whole city. The rule now (README, production): 5 failures for one username
from one client address lock that username at that address; 20 failures for one username from
anywhere lock that username; 20 failures from one client address lock that address.
"""

import pytest
from django.test import RequestFactory

from lkip.auth import alamat_klien

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.5"
OFFICE = "198.51.100.7"
PASSWORD = "kata-sandi-uji-panjang"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_HTTPS_PROXY = True
    settings.LOGIN_MAX_PERCOBAAN = 5
    return settings


def login(client, username: str, password: str, via: str, remote: str = PROXY):
    """A login form posted through the proxy (X-Forwarded-For) from the client address `via`."""
    response = client.post(
        "/masuk/",
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=via,
    )
    client.logout()
    return response


def logged_in(response) -> bool:
    return response.status_code == 302


class ProxyTests:
    def test_failures_from_one_client_do_not_lock_out_the_others_behind_the_proxy(
        self, world, behind_proxy, client
    ):
        for i in range(30):
            login(client, f"tebakan{i}", "salah-sekali", via=ATTACKER)
        assert logged_in(login(client, "perencana.uji", PASSWORD, via=OFFICE))
        assert logged_in(login(client, "kepala.uji", PASSWORD, via="192.0.2.44"))

    def test_the_attackers_own_address_is_locked_after_many_failures(
        self, world, behind_proxy, client
    ):
        for i in range(20):
            login(client, f"tebakan{i}", "salah-sekali", via=ATTACKER)
        locked = login(client, "perencana.uji", PASSWORD, via=ATTACKER)
        assert not logged_in(locked) and "Terlalu banyak percobaan masuk" in locked.text

    def test_an_account_guessed_at_from_one_address_is_locked_there_but_not_for_its_owner(
        self, world, behind_proxy, client
    ):
        for _ in range(5):
            login(client, "kepala.uji", "tebakan-salah", via=ATTACKER)
        locked = login(client, "kepala.uji", PASSWORD, via=ATTACKER)
        assert not logged_in(locked) and "Terlalu banyak percobaan masuk" in locked.text
        assert logged_in(login(client, "kepala.uji", PASSWORD, via=OFFICE))

    def test_an_account_guessed_at_from_many_addresses_is_locked_everywhere(
        self, world, behind_proxy, client
    ):
        for n in range(5):
            for _ in range(4):
                login(client, "kepala.uji", "tebakan-salah", via=f"203.0.113.{10 + n}")
        locked = login(client, "kepala.uji", PASSWORD, via=OFFICE)
        assert not logged_in(locked) and "Terlalu banyak percobaan masuk" in locked.text
        assert logged_in(login(client, "perencana.uji", PASSWORD, via=OFFICE))

    def test_a_forged_forwarded_address_does_not_escape_the_lock(self, world, behind_proxy, client):
        # The client writes what it likes on the left; the proxy appends the address it saw.
        for n in range(5):
            login(client, "kepala.uji", "tebakan-salah", via=f"192.0.2.{n}, {ATTACKER}")
        locked = login(client, "kepala.uji", PASSWORD, via=f"192.0.2.99, {ATTACKER}")
        assert not logged_in(locked)


class WithoutProxyTests:
    def test_x_forwarded_for_is_ignored_without_a_proxy_in_front(self, world, settings, client):
        settings.BEHIND_HTTPS_PROXY = False
        for n in range(5):
            login(client, "kepala.uji", "tebakan-salah", via=f"192.0.2.{n}", remote=ATTACKER)
        locked = login(client, "kepala.uji", PASSWORD, via=OFFICE, remote=ATTACKER)
        assert not logged_in(locked)
        assert logged_in(login(client, "kepala.uji", PASSWORD, via=ATTACKER, remote=OFFICE))


class ClientAddressTests:
    def request(self, forwarded: str | None, remote: str = PROXY):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post("/masuk/", **extra)

    def test_the_client_is_the_right_most_address_the_proxy_did_not_add_itself(self, behind_proxy):
        assert alamat_klien(self.request(f"1.1.1.1, {ATTACKER}")) == ATTACKER
        assert alamat_klien(self.request(f" {ATTACKER} ")) == ATTACKER
        assert alamat_klien(self.request(None)) == PROXY
        assert alamat_klien(self.request("")) == PROXY

    def test_addresses_of_further_trusted_proxies_are_skipped(self, behind_proxy):
        behind_proxy.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::1"]
        assert alamat_klien(self.request(f"1.1.1.1, {ATTACKER}, 10.9.8.7")) == ATTACKER
        assert alamat_klien(self.request(f"{ATTACKER}, 2001:db8::1")) == ATTACKER
        assert alamat_klien(self.request("10.1.1.1, 10.2.2.2")) == "10.1.1.1"

    def test_the_remote_address_is_the_client_without_a_proxy(self, settings):
        settings.BEHIND_HTTPS_PROXY = False
        assert alamat_klien(self.request(ATTACKER, remote=OFFICE)) == OFFICE
