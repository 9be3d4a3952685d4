"""Seed 001: registering a member with a signed request."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from server_testkit import Shop
from sqlalchemy import select

from server.api.members import data_signature
from server.db import tables as t

PATH = "/openapi/v1/customerOpenApi/add"


def member(number: str = "KYBIO002", **info: Any) -> dict[str, Any]:
    return {"number": number, "name": "OpenApi creation", "discount": 60, **info}


class Signer:
    """Sends seed 001 requests signed like a client would."""

    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self.app_id = shop.demo["appId"]
        self.secret = shop.demo["appSecret"]

    def millis(self, **offset: float) -> str:
        return str(int((self.shop.clock() + timedelta(**offset)).timestamp() * 1000))

    def send(
        self,
        info: dict[str, Any] | None = None,
        *,
        raw: bytes | None = None,
        stamp: str | None = None,
        signature: str | None = None,
        app_id: str | None = None,
    ) -> httpx.Response:
        body = {"appId": app_id or self.app_id, "customerInfo": info or member()}
        content = raw if raw is not None else json.dumps(body).encode("utf-8")
        stamp = stamp or self.millis()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Time-stamp": stamp,
            "Data-signature": signature or data_signature(self.secret, stamp, content),
        }
        return self.shop.client.post(PATH, content=content, headers=headers)


@pytest.fixture
def signer(shop: Shop) -> Signer:
    return Signer(shop)


def error_code(response: httpx.Response) -> int:
    body = response.json()
    assert body["status"] == "error"
    assert len(body["messages"]) == 1
    code: int = body["errorCode"]
    return code


def test_signature_is_uppercase_hmac_md5_of_time_stamp_newline_body() -> None:
    signature = data_signature("secret", "1437528688233", b'{"a":1}')
    assert len(signature) == 32
    assert signature == signature.upper()
    expected = hmac.new(b"secret", b'1437528688233\n{"a":1}', hashlib.md5).hexdigest().upper()
    assert signature == expected


def test_a_signed_request_registers_the_member(signer: Signer, shop: Shop) -> None:
    response = signer.send(member(password="EA4CEADDDDDD", onAccount=0, enable=1))
    assert response.status_code == 200
    assert response.json() == {"status": "success", "messages": [], "errorCode": None}
    with shop.services.db.read() as session:
        stored = session.scalars(select(t.Member)).one()
    assert stored.number == "KYBIO002"
    assert stored.discount == 60
    assert stored.on_account == 0
    assert stored.password_hash is not None and "EA4CEADDDDDD" not in stored.password_hash


def test_lowercase_signature_and_a_four_minute_old_time_stamp_pass(signer: Signer) -> None:
    stamp = signer.millis(minutes=-4)
    raw = json.dumps({"appId": signer.app_id, "customerInfo": member()}).encode()
    lower = data_signature(signer.secret, stamp, raw).lower()
    assert signer.send(raw=raw, stamp=stamp, signature=lower).status_code == 200


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signature": "0" * 32}, 36002),
        ({"stamp_offset": {"minutes": -6}}, 36003),
        ({"stamp_offset": {"minutes": 2}}, 36003),
        ({"stamp": "yesterday"}, 36003),
        ({"app_id": "unknown-app"}, 36005),
    ],
)
def test_bad_signatures_are_401(signer: Signer, change: dict[str, Any], code: int) -> None:
    stamp = signer.millis(**change.pop("stamp_offset", {}))
    response = signer.send(stamp=change.pop("stamp", stamp), **change)
    assert response.status_code == 401
    assert error_code(response) == code


def test_missing_headers_are_401(shop: Shop) -> None:
    response = shop.client.post(PATH, json={"appId": "x", "customerInfo": member()})
    assert response.status_code == 401
    assert error_code(response) == 36001


def test_a_body_changed_after_signing_is_refused(signer: Signer) -> None:
    stamp = signer.millis()
    raw = json.dumps({"appId": signer.app_id, "customerInfo": member()}).encode()
    signature = data_signature(signer.secret, stamp, raw)
    tampered = raw.replace(b'"discount": 60', b'"discount": 99')
    response = signer.send(raw=tampered, stamp=stamp, signature=signature)
    assert error_code(response) == 36002


def test_a_replayed_request_is_refused(signer: Signer) -> None:
    stamp = signer.millis()
    raw = json.dumps({"appId": signer.app_id, "customerInfo": member("R1")}).encode()
    assert signer.send(raw=raw, stamp=stamp).status_code == 200
    replay = signer.send(raw=raw, stamp=stamp)
    assert replay.status_code == 401
    assert error_code(replay) == 36004


@pytest.mark.parametrize(
    "info",
    [
        {"name": "no number"},
        member(discount=101),
        member(discount=-1),
        member(enable=2),
        member(onAccount=2),
        member(point="5"),
    ],
)
def test_invalid_members_are_400(signer: Signer, info: dict[str, Any]) -> None:
    response = signer.send(info)
    assert response.status_code == 400
    assert error_code(response) == 10002


def test_member_numbers_are_unique_per_app(signer: Signer, shop: Shop) -> None:
    assert signer.send(member("N-1")).status_code == 200
    shop.clock.advance(seconds=1)
    duplicate = signer.send(member("N-1"))
    assert duplicate.status_code == 409
    assert error_code(duplicate) == 36006
    other = shop.new_demo()
    signer.app_id, signer.secret = other["appId"], other["appSecret"]
    assert signer.send(member("N-1")).status_code == 200


def test_malformed_json_is_400(signer: Signer) -> None:
    response = signer.send(raw=b'{"appId": "x", ')
    assert response.status_code == 400
    assert error_code(response) == 10001
