"""The admin commands of ``stamp-server``: create master data and credentials, list events, and
set a dashboard user's password (for an owner who forgot it)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.domain.dates import format_api_datetime
from server import admin
from server.db.engine import Database
from server.services import utc_now
from server.web.accounts import create_merchant_user, set_password, user_by_email

Action = Callable[[Session, argparse.Namespace], Any]


def _merchant(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    merchant = admin.create_merchant(session, utc_now(), name=args.name, image_url=args.image_url)
    return {"merchantId": merchant.id, "merchantName": merchant.name}


def _store(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    store = admin.create_store(
        session,
        utc_now(),
        merchant_id=args.merchant_id,
        name=args.name,
        latitude=args.latitude,
        longitude=args.longitude,
        street1=args.street1,
        city=args.city,
        state=args.state,
        zip_code=args.zip,
        country=args.country,
    )
    return {"storeId": store.id, "merchantId": store.merchant_id}


def _stamp_card(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    details = {
        key: value
        for key, value in (
            ("phone_number", args.phone_number),
            ("information", args.information),
            ("service_id", args.service_id),
            ("wallet_id", args.wallet_id),
        )
        if value is not None
    }
    card = admin.create_stamp_card(
        session,
        utc_now(),
        merchant_id=args.merchant_id,
        name=args.name,
        stamp_type=args.stamp_type,
        publish=not args.unpublished,
        card_validity_days=args.card_validity_days,
        cooldown_seconds=args.cooldown_seconds,
        max_stamps_per_day=args.max_stamps_per_day,
        details=details,
    )
    stamps = admin.stamps_of_card(session, card.id)
    return {"stampCardId": card.id, "cardIdx": card.idx, "stamps": stamps}


def _stamp(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    stamp = admin.create_stamp(
        session,
        utc_now(),
        stamp_card_id=args.stamp_card_id,
        event_type=args.event_type,
        award_stamps=args.award_stamps,
        reward_id=args.reward_id,
        value=args.value,
    )
    return {"stampId": stamp.id, "stampValue": stamp.stamp_value}


def _reward(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    reward = admin.create_reward(
        session,
        utc_now(),
        stamp_card_id=args.stamp_card_id,
        name=args.name,
        threshold=args.threshold,
        validity_days=args.validity_days,
        description=args.description,
        message=args.message,
        image_url=args.image_url,
    )
    return {"rewardId": reward.id, "threshold": reward.threshold}


def _app(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    app, api_key, secret = admin.create_app_credentials(
        session, utc_now(), merchant_id=args.merchant_id, name=args.name
    )
    return {"appId": app.app_id, "apiKey": api_key, "appSecret": secret}


def _terminal(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    credential, token = admin.create_terminal(
        session, utc_now(), merchant_id=args.merchant_id, name=args.name
    )
    return {"terminalId": credential.id, "terminalToken": token}


def _customer(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    user, token = admin.create_customer(session, utc_now(), name=args.name, phone=args.phone)
    found: dict[str, Any] = {"userId": user.id, "userToken": token}
    if args.stamp_card_id:
        card = admin.issue_card(
            session, utc_now(), stamp_card_id=args.stamp_card_id, user_id=user.id
        )
        found["cardInstanceId"] = card.id
        found["expirationDate"] = format_api_datetime(card.expiration_date or card.issue_date)
    return found


PASSWORD_ENV = "STAMP_SERVER_USER_PASSWORD"  # noqa: S105 - the name of a variable


def read_password(from_stdin: bool) -> str:
    """A new dashboard password: the first line of stdin, ``$STAMP_SERVER_USER_PASSWORD``, or
    asked twice on the terminal. Never an option, so that it stays out of shell histories."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise ValueError(f"give the password with --password-stdin or ${PASSWORD_ENV}")
    first = getpass.getpass("Password for the dashboard: ")
    if getpass.getpass("The same password again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _user(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    user = create_merchant_user(
        session,
        utc_now(),
        merchant_id=args.merchant_id,
        email=args.email,
        password=read_password(args.password_stdin),
        name=args.name,
    )
    return {"userId": user.id, "email": user.email, "merchantId": user.merchant_id}


def _user_password(session: Session, args: argparse.Namespace) -> dict[str, Any]:
    """A new password for the dashboard user of ``--email``: every session of the user ends
    and the failed sign-ins of the e-mail are forgotten (``accounts.set_password``)."""
    user = user_by_email(session, args.email)
    if user is None:
        raise LookupError(f"no dashboard user with the e-mail {args.email.strip()!r}")
    set_password(session, user.id, read_password(args.password_stdin))
    return {"userId": user.id, "email": user.email, "passwordChanged": True}


def _events(session: Session, args: argparse.Namespace) -> list[dict[str, Any]]:
    return admin.list_events(
        session,
        merchant_id=args.merchant_id,
        card_instance_id=args.card_instance_id,
        limit=args.limit,
    )


def _verbs(commands: Any, name: str, text: str) -> Any:
    """The subparsers of the verbs of ``name`` (``create``, ...)."""
    group = commands.add_parser(name, help=text)
    return group.add_subparsers(dest="verb", required=True)


def _verb(
    verbs: Any, common: argparse.ArgumentParser, verb: str, action: Action, text: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(verb, parents=[common], help=text)
    parser.set_defaults(action=action)
    return parser


def _create(
    commands: Any, common: argparse.ArgumentParser, name: str, action: Action, text: str
) -> argparse.ArgumentParser:
    return _verb(_verbs(commands, name, text), common, "create", action, text)


def add_admin_commands(  # noqa: PLR0915 - one flat list of commands reads best
    commands: Any, common: argparse.ArgumentParser
) -> None:
    """Add ``<object> create`` commands and ``events list`` to the top-level subparsers."""
    merchant = _create(commands, common, "merchant", _merchant, "create a merchant")
    merchant.add_argument("--name", required=True)
    merchant.add_argument("--image-url")

    store = _create(commands, common, "store", _store, "create a store of a merchant")
    store.add_argument("--merchant-id", required=True)
    store.add_argument("--name", required=True)
    store.add_argument("--latitude", type=float)
    store.add_argument("--longitude", type=float)
    for option in ("--street1", "--city", "--state", "--zip", "--country"):
        store.add_argument(option)

    card = _create(commands, common, "stamp-card", _stamp_card, "create a stamp card")
    card.add_argument("--merchant-id", required=True)
    card.add_argument("--name", required=True)
    card.add_argument("--stamp-type", choices=("QR", "NFC", "STAMP"), default="QR")
    card.add_argument("--unpublished", action="store_true", help="not in the public catalog")
    card.add_argument("--card-validity-days", type=int, default=365)
    card.add_argument("--cooldown-seconds", type=int, default=0, help="0: off")
    card.add_argument("--max-stamps-per-day", type=int, default=0, help="0: off")
    for option in ("--phone-number", "--information", "--service-id", "--wallet-id"):
        card.add_argument(option)

    stamp = _create(commands, common, "stamp", _stamp, "create stamp master data")
    stamp.add_argument("--stamp-card-id", required=True)
    stamp.add_argument("--event-type", choices=("STAMP", "REDEEM"), default="STAMP")
    stamp.add_argument("--award-stamps", type=int, default=1)
    stamp.add_argument("--reward-id")
    stamp.add_argument("--value", help="the stamp value (default: generated)")

    reward = _create(commands, common, "reward", _reward, "create a reward of a stamp card")
    reward.add_argument("--stamp-card-id", required=True)
    reward.add_argument("--name", required=True)
    reward.add_argument("--threshold", type=int, required=True)
    reward.add_argument("--validity-days", type=int, default=30, help="0: never expires")
    for option in ("--description", "--message", "--image-url"):
        reward.add_argument(option)

    app = _create(commands, common, "app", _app, "create an app (api key, appId, appSecret)")
    app.add_argument("--merchant-id", required=True)
    app.add_argument("--name", default="app")

    terminal = _create(commands, common, "terminal", _terminal, "create a terminal credential")
    terminal.add_argument("--merchant-id", required=True)
    terminal.add_argument("--name", default="terminal")

    customer = _create(commands, common, "customer", _customer, "create a wallet customer")
    customer.add_argument("--name")
    customer.add_argument("--phone")
    customer.add_argument("--stamp-card-id", help="also issue a card of this stamp card")

    user_verbs = _verbs(commands, "user", "dashboard logins of merchants")
    user = _verb(user_verbs, common, "create", _user, "create a dashboard login of a merchant")
    user.add_argument("--merchant-id", required=True)
    user.add_argument("--email", required=True)
    user.add_argument("--name")
    password = _verb(
        user_verbs,
        common,
        "set-password",
        _user_password,
        "give a dashboard login a new password (it is signed out everywhere)",
    )
    password.add_argument("--email", required=True)
    for parser in (user, password):
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    events = commands.add_parser("events", help="look at events")
    verbs = events.add_subparsers(dest="verb", required=True)
    listing = verbs.add_parser("list", parents=[common], help="the newest events, newest first")
    listing.add_argument("--merchant-id")
    listing.add_argument("--card-instance-id")
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(action=_events)


def run_admin_command(args: argparse.Namespace, db: Database) -> int:
    """Run the admin command in one transaction and print its JSON result."""
    with db.write() as session:
        found = args.action(session, args)
    print(json.dumps(found, indent=2, ensure_ascii=False))
    return 0
