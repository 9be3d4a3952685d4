"""Finding a card on the server when the terminal does not know it yet (online only)."""

from __future__ import annotations

import logging

from app.policy.payload import CardRef
from app.store.outbox import Outbox
from app.store.writer import StoreWriter
from app.sync.client import StampApiClient
from app.sync.errors import ApiError, RejectedError
from app.sync.results import cache_card

log = logging.getLogger(__name__)


class RemoteLookup:
    """Asks the server for a tag UID or phone number and caches what it says."""

    def __init__(self, client: StampApiClient, writer: StoreWriter) -> None:
        self._client = client
        self._writer = writer

    def __call__(self, ref: CardRef) -> str | None:
        """The card instance id for ``ref``, or None when unknown or the server is unreachable."""
        try:
            if ref.kind == "tag":
                found = self._client.lookup_card(tag_uid=ref.value)
            elif ref.kind == "phone":
                found = self._client.lookup_card(phone=ref.value)
            else:
                found = self._client.lookup_card(card_instance_id=ref.value)
        except RejectedError:
            return None
        except ApiError as exc:
            log.info("card lookup not possible: %s", exc)
            return None
        card = found.card_instance
        if card is None:
            return None
        phone = ref.value if ref.kind == "phone" else None

        def store(outbox: Outbox) -> None:
            cache_card(outbox, card, phone)
            if ref.kind == "tag":
                outbox.register_tag_uid(ref.value, card.card_instance_id)

        self._writer.call(store)
        return card.card_instance_id
