"""Recently authenticated callers are remembered for a few seconds; failures never are."""

from __future__ import annotations

from server_testkit import Shop, bearer

from server.auth import CUSTOMER, TERMINAL, Principal
from server.auth_cache import PrincipalCache


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_entry_lives_for_the_ttl_only() -> None:
    clock = Ticker()
    cache = PrincipalCache(ttl=5.0, clock=clock)
    principal = Principal(TERMINAL, "cred", "merchant", None)
    cache.put(("k", "t"), principal)
    clock.now += 4.9
    assert cache.get(("k", "t")) is principal
    assert cache.get(("k", "other")) is None
    clock.now += 0.2
    assert cache.get(("k", "t")) is None


def test_a_full_cache_starts_over() -> None:
    cache = PrincipalCache(max_entries=2)
    for index in range(3):
        cache.put((str(index), "t"), Principal(CUSTOMER, str(index), None, "u"))
    assert cache.get(("0", "t")) is None
    assert cache.get(("2", "t")) is not None


def test_a_refused_token_stays_refused_and_a_good_one_is_remembered(shop: Shop) -> None:
    api_key = shop.demo["apiKey"]
    for _ in range(2):
        refused = shop.post("/stamp/v2/getServerTime", {}, bearer(api_key, "trm_wrong"))
        assert refused.status_code == 401
    assert shop.terminal("getServerTime").status_code == 200
    key_and_token = shop.services.principals.keys()
    assert len(key_and_token) == 1
    assert api_key not in key_and_token[0]
    assert shop.demo["terminalToken"] not in key_and_token[0]
