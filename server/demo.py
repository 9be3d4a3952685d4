"""``stamp-server init-demo``: a complete demo shop, printed as one JSON object.

Every run creates a new, independent demo set (merchant, store, stamp card, app, terminal,
customer, card, dashboard login), so running it twice never fails and never touches the first set.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.domain.card_code import card_url, public_key_to_text, sign_card_id
from app.domain.events import EventType
from server import admin
from server.db import tables as t
from server.db.engine import Database
from server.web.accounts import create_merchant_user

DEMO_LATITUDE = 34.089487
DEMO_LONGITUDE = -84.270758


def init_demo(
    db: Database,
    public_url: str,
    signing_key: Ed25519PrivateKey,
    now: datetime,
    *,
    dashboard_login: bool = True,
) -> dict[str, Any]:
    """Create a demo set and return what a terminal, a wallet and the shop owner (the
    dashboard's e-mail and password, unless ``dashboard_login`` is false) need to use it."""
    with db.write() as session:
        merchant = admin.create_merchant(session, now, name="Demo Coffee")
        session.flush()
        store = admin.create_store(
            session,
            now,
            merchant_id=merchant.id,
            name="Demo Coffee - Alpharetta",
            street1="12600 Deerfield Parkway Suite 425",
            city="Alpharetta",
            state="Georgia",
            zip_code="30004",
            country="US",
            latitude=DEMO_LATITUDE,
            longitude=DEMO_LONGITUDE,
        )
        stamp_card = admin.create_stamp_card(
            session,
            now,
            merchant_id=merchant.id,
            name="10 stamps -> free coffee",
            details={
                "information": "One free coffee after 10 stamps",
                "catalog_description": "Buy 9 coffees, get the 10th on us",
                "phone_number": "555-0100",
            },
        )
        reward = admin.create_reward(
            session,
            now,
            stamp_card_id=stamp_card.id,
            name="Free coffee",
            threshold=10,
            description="One free coffee of any size",
            message="Congratulations, this one is on us!",
        )
        stamps = {
            stamp.event_type: stamp
            for stamp in session.scalars(
                select(t.Stamp).where(t.Stamp.stamp_card_id == stamp_card.id)
            )
        }
        app, api_key, app_secret = admin.create_app_credentials(
            session, now, merchant_id=merchant.id, name="Demo app"
        )
        _terminal, terminal_token = admin.create_terminal(
            session, now, merchant_id=merchant.id, name="Demo terminal"
        )
        user, user_token = admin.create_customer(
            session, now, name="Demo Customer", phone="+15550100001"
        )
        card = admin.issue_card(session, now, stamp_card_id=stamp_card.id, user_id=user.id)
        owner: dict[str, str] = {}
        if dashboard_login:
            owner = {
                "dashboardUrl": f"{public_url}/dashboard/",
                "dashboardEmail": f"owner-{merchant.id[:8].lower()}@demo.example",
                "dashboardPassword": secrets.token_urlsafe(12),
            }
            create_merchant_user(
                session,
                now,
                merchant_id=merchant.id,
                email=owner["dashboardEmail"],
                password=owner["dashboardPassword"],
                name="Demo owner",
            )
    signature = sign_card_id(signing_key, card.id)
    return {
        "serverUrl": public_url,
        "apiKey": api_key,
        "terminalToken": terminal_token,
        "userToken": user_token,
        "userId": user.id,
        "merchantId": merchant.id,
        "storeId": store.id,
        "stampCardId": stamp_card.id,
        "cardIdx": stamp_card.idx,
        "rewardId": reward.id,
        "stampValue": stamps[EventType.STAMP.value].stamp_value,
        "redeemStampValue": stamps[EventType.REDEEM.value].stamp_value,
        "cardInstanceId": card.id,
        "cardUrl": card_url(public_url, card.id, signature),
        "appId": app.app_id,
        "appSecret": app_secret,
        "publicKey": public_key_to_text(signing_key.public_key()),
        **owner,
    }
