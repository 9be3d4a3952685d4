"""Names under which sync keeps server data in the outbox database."""

META_STATE = "sync_state"
META_LAST_SUCCESS = "last_sync_success"
META_LAST_ERROR = "last_sync_error"
META_MASTER_REFRESHED = "master_data_refreshed"
MASTER_STAMP_CARDS = "stamp_cards"
MASTER_STAMPS = "stamps"
MASTER_PUBLIC_KEY = "card_public_key"
