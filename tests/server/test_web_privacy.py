"""What the web pages leave in the server's logs: no card signatures, no passwords."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest
from server_testkit import Shop

from server.access_log import loggable_path


def test_card_signatures_are_left_out_of_the_access_log(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="server.access")
    path = urlsplit(shop.demo["cardUrl"]).path
    card, signature = path.removeprefix("/c/").split(".", 1)
    assert shop.client.get(path).status_code == 200
    assert shop.client.get(path + "/manifest.webmanifest").status_code == 200
    assert signature not in caplog.text
    assert f"/c/{card}.(signature)" in caplog.text
    assert f"/c/{card}.(signature)/manifest.webmanifest" in caplog.text


@pytest.mark.parametrize(
    ("sent", "logged"),
    [
        ("/c/abc.SIG", "/c/abc.(signature)"),
        ("/c/abc.SIG/manifest.webmanifest?x=1", "/c/abc.(signature)/manifest.webmanifest"),
        ("/c/abc", "/c/abc"),
        ("/stamp/v2/lookupCard?token=x", "/stamp/v2/lookupCard"),
        ("/dashboard/customers", "/dashboard/customers"),
    ],
)
def test_loggable_paths(sent: str, logged: str) -> None:
    assert loggable_path(sent) == logged
