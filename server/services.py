"""What every request handler needs, built once per application by ``create_app``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Request

from app.domain.card_code import card_url, sign_card_id
from server.auth_cache import PrincipalCache
from server.db.engine import Database
from server.rules.group_commit import GroupCommit
from server.rules.programs import ProgramCache
from server.settings import Settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Services:
    """Settings, database, card-signing key, clock, rules cache and the event writer (group
    commit of concurrent reports) of one application."""

    settings: Settings
    db: Database
    signing_key: Ed25519PrivateKey
    clock: Clock = utc_now
    programs: ProgramCache = field(default_factory=ProgramCache)
    principals: PrincipalCache = field(default_factory=PrincipalCache)
    events: GroupCommit = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", GroupCommit(self.db, self.now, self.programs))

    def now(self) -> datetime:
        """The current time in UTC, truncated to milliseconds like the API's dates."""
        moment = self.clock().astimezone(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    def card_url(self, card_instance_id: str) -> str:
        """The signed card URL ``<public base>/c/<id>.<signature>``."""
        signature = sign_card_id(self.signing_key, card_instance_id)
        return card_url(self.settings.public_url, card_instance_id, signature)


async def get_services(request: Request) -> Services:
    """Dependency: the application's services. ``async`` although it awaits nothing: FastAPI
    runs a plain ``def`` dependency in its thread pool, a hand-over per request for nothing."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
