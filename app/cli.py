"""The ``stamp-terminal`` command line.

Exit codes:

====  =====================================================================
0     done
1     an unexpected error (a bug): the message says where to report it
2     bad usage or configuration (a flag, a key, a value)
3     refused by the scan policy; nothing was recorded
4     the local database cannot be used (damaged, too new, not writable)
5     sync: the server could not be reached or failed; the events are kept
6     sync: the server does not accept the terminal's credentials
7     a device is missing or failing (``devices``, ``nfc``); the message says what to check
====  =====================================================================

Errors are written to standard error as one line; ``--json`` output goes to standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import __version__, paths
from app.cli_config import add_config_actions, run_config_set
from app.cli_devices import (
    EXIT_DEVICE,
    DeviceProblem,
    add_device_commands,
    run_decode,
    run_devices,
    run_nfc,
)
from app.config import KEYS, Config, load_config
from app.domain.dates import format_api_datetime
from app.domain.events import EventState, OutboxEvent
from app.domain.scan import Scan, ScanKind
from app.errors import ConfigError, StampTerminalError, StoreError
from app.policy.payload import Refusal
from app.resources import bundle_dir
from app.store.outbox import NotHeldForReview
from app.store.writer import StoreWriter
from app.sync.command import run_sync
from app.sync.factory import api_client, http_client
from app.sync.lookup import RemoteLookup
from app.terminal import Terminal

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_REFUSED = 3
EXIT_STORE = 4
EXIT_OFFLINE = 5
EXIT_CREDENTIALS = 6


class Refused(Exception):
    """A policy refusal on its way to exit code 3."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Context:
    """What every command gets: the settings and where the files are."""

    config: Config
    database: Path
    json: bool
    config_path: Path | None = None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stamp-terminal", description="Offline-first loyalty stamp terminal."
    )
    parser.add_argument("--version", action="version", version=f"stamp-terminal {__version__}")
    parser.add_argument("--home", type=Path, help="data directory (default: platform data dir)")
    parser.add_argument("--config", type=Path, help="configuration file")
    settings = parser.add_argument_group("settings (override the configuration file)")
    for key, f in KEYS.items():
        settings.add_argument(
            f"--{key.replace('_', '-')}",
            dest=f"set_{key}",
            metavar="VALUE",
            help=f.metadata["help"],
        )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    status = sub.add_parser("status", help="queue depth, oldest pending event, last sync")
    status.add_argument("--json", action="store_true")

    stamp = sub.add_parser("stamp", help="record stamps for a card exactly as a scan would")
    stamp.add_argument("card", help="card id, card URL or phone number")
    stamp.add_argument("--count", type=int, default=1, help="stamps for this purchase")
    stamp.add_argument("--json", action="store_true")

    events = sub.add_parser("events", help="list recorded events")
    events.add_argument("--state", choices=[s.value for s in EventState])
    events.add_argument("--limit", type=int, default=None)
    events.add_argument("--json", action="store_true")
    decisions = events.add_subparsers(dest="decision", metavar="ACTION")
    release = decisions.add_parser("release", help="sync an event held for review")
    release.add_argument("event_id", metavar="EVENT_ID")
    release.add_argument("--note", default="", help="why it may go (kept with the event)")
    decline = decisions.add_parser("decline", help="keep an event held for review out of sync")
    decline.add_argument("event_id", metavar="EVENT_ID")
    decline.add_argument("--reason", required=True, help="why (kept with the event)")
    for decided in (release, decline):
        decided.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    sync = sub.add_parser("sync", help="send pending events to the server")
    sync.add_argument("--once", action="store_true", help="one pass, then exit")
    sync.add_argument("--json", action="store_true")

    config = sub.add_parser("config", help="show the settings in force (secrets hidden)")
    config.add_argument("--json", action="store_true")
    add_config_actions(config)

    add_device_commands(sub)
    sub.add_parser("run", help="the kiosk with the configured devices and server")

    demo = sub.add_parser(
        "demo", help="the kiosk with a demo shop and simulated devices, on separate demo data"
    )
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    demo.add_argument(
        "--simulate", action="store_true", help="simulated camera and NFC even when real ones work"
    )
    demo.add_argument("--autoplay", action="store_true", help="confirm every card by itself")
    demo.add_argument(
        "--exit-after-scans",
        type=int,
        default=0,
        metavar="N",
        help="confirm by itself and end once N scans are recorded and synced",
    )
    demo.add_argument(
        "--headless", action="store_true", help="the guided demonstration without a window"
    )
    demo.add_argument("--json", action="store_true", help="with --headless: the result as JSON")
    return parser


def _context(args: argparse.Namespace) -> Context:
    environ = dict(os.environ)
    if args.home is not None:
        environ[paths.HOME_ENV] = str(args.home)
    if args.config is not None:
        environ[paths.CONFIG_ENV] = str(args.config)
    overrides = {
        key: getattr(args, f"set_{key}") for key in KEYS if getattr(args, f"set_{key}") is not None
    }
    config = load_config(paths.config_file(environ), environ, overrides)
    return Context(
        config,
        paths.database_file(environ),
        bool(getattr(args, "json", False)),
        paths.config_file(environ),
    )


def event_json(event: OutboxEvent) -> dict[str, Any]:
    """One outbox event as JSON, with the API's field names where the API has them."""
    return {
        "seq": event.seq,
        "eventId": event.event_id,
        "terminalId": event.terminal_id,
        "cardInstanceId": event.card_instance_id,
        "eventType": event.event_type.value,
        "eventTime": format_api_datetime(event.device_time),
        "clockOffsetMs": event.clock_offset_ms,
        "state": event.state.value,
        "attempts": event.attempts,
        "lastError": event.last_error,
        "resultCode": event.result_code,
        "resultMessage": event.result_message,
        "source": event.source,
        "note": event.note,
    }


def _status(ctx: Context, writer: StoreWriter) -> int:
    def read(o: Any) -> dict[str, Any]:
        counts = o.counts()
        oldest = o.oldest_pending_time()
        return {
            "terminalId": o.terminal_id,
            "database": str(ctx.database),
            "queue": {state.value: counts[state] for state in EventState},
            "oldestPendingAgeSeconds": (
                None if oldest is None else round((datetime.now(UTC) - oldest).total_seconds(), 1)
            ),
            "lastSuccessfulSync": o.meta_get("last_sync_success"),
            "sync": {
                "state": o.meta_get("sync_state") or "never",
                "lastError": o.meta_get("last_sync_error") or None,
                "clockOffsetMs": o.clock_offset_ms,
            },
            "server": ctx.config.server_url or None,
            "devices": {"camera": ctx.config.camera, "nfc": ctx.config.nfc_device},
        }

    status = writer.call(read)
    if ctx.json:
        print(json.dumps(status))
        return EXIT_OK
    queue = status["queue"]
    age = status["oldestPendingAgeSeconds"]
    print(f"terminal   {status['terminalId']}")
    print(f"database   {status['database']}")
    print(
        "queue      "
        + ", ".join(f"{queue[s.value]} {s.value}" for s in EventState)
        + ("" if age is None else f" (oldest pending {age:.0f} s old)")
    )
    print(f"last sync  {status['lastSuccessfulSync'] or 'never'} ({status['sync']['state']})")
    if status["sync"]["lastError"]:
        print(f"sync error {status['sync']['lastError']}")
    print(f"server     {status['server'] or 'not configured'}")
    print(f"devices    camera {ctx.config.camera}, NFC {ctx.config.nfc_device}")
    return EXIT_OK


def _stamp(ctx: Context, writer: StoreWriter, card: str, count: int) -> int:
    with ExitStack() as stack:
        lookup = None
        if ctx.config.server_url:
            http = stack.enter_context(http_client(ctx.config))
            lookup = RemoteLookup(api_client(http, ctx.config), writer)
        terminal = Terminal(ctx.config, writer, lookup=lookup)
        found = terminal.identify(Scan(ScanKind.STAMP, card, source="cli"))
    if isinstance(found, Refusal):
        raise Refused(found.code, found.message)
    recorded = terminal.stamp(found.card_instance_id, count, source="cli")
    if recorded.refused:
        raise Refused(recorded.verdict.code or "refused", recorded.verdict.message or "refused")
    ids = [e.event_id for e in recorded.events]
    if ctx.json:
        print(
            json.dumps(
                {
                    "cardInstanceId": found.card_instance_id,
                    "eventIds": ids,
                    "state": recorded.events[0].state.value if recorded.events else None,
                    "note": recorded.verdict.message,
                    "stamps": None if recorded.card is None else recorded.card.stamps,
                }
            )
        )
    else:
        for event_id in ids:
            print(event_id)
        if recorded.verdict.action == "review":
            print(f"held for review: {recorded.verdict.message}", file=sys.stderr)
    return EXIT_OK


def _events(ctx: Context, writer: StoreWriter, state: str | None, limit: int | None) -> int:
    wanted = None if state is None else EventState(state)
    events = writer.call(lambda o: o.events(state=wanted, limit=limit))
    if ctx.json:
        print(json.dumps([event_json(e) for e in events]))
        return EXIT_OK
    for e in events:
        error = f"  {e.result_code or ''} {e.result_message or e.last_error or ''}".rstrip()
        print(
            f"{e.seq:>6}  {format_api_datetime(e.device_time)}  {e.event_type.value:<13}"
            f"{e.card_instance_id}  {e.state.value:<8}{error}"
        )
    return EXIT_OK


def _decide(ctx: Context, writer: StoreWriter, args: argparse.Namespace) -> int:
    """``events release`` / ``events decline``: a manager's decision on a held event."""
    event_id = args.event_id
    try:
        if args.decision == "release":
            event = writer.call(lambda o: o.release_review(event_id, args.note))
        else:
            event = writer.call(lambda o: o.decline_review(event_id, args.reason))
    except (NotHeldForReview, ValueError) as exc:
        print(f"stamp-terminal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if ctx.json:
        print(json.dumps(event_json(event)))
    else:
        print(f"{event.event_id}  {event.state.value}  {event.result_message or event.note or ''}")
    return EXIT_OK


def _config(ctx: Context) -> int:
    view = ctx.config.public_view()
    if ctx.json:
        print(json.dumps(view))
    else:
        for key, value in view.items():
            print(f"{key} = {value!r}")
    return EXIT_OK


def _demo(ctx: Context, args: argparse.Namespace) -> int:
    if bundle_dir() is not None:
        print(
            "stamp-terminal: demo: the demonstration runs the reference server, which the "
            "installed terminal does not include; run it from a source checkout with "
            "'./dev demo'.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.headless or ctx.json:
        from app.demo import run_demo  # noqa: PLC0415 - only the demo needs it

        return run_demo(ctx.config, json_output=ctx.json)
    from app.demo_kiosk import DemoOptions, run_demo_kiosk  # noqa: PLC0415 - Qt only here

    options = DemoOptions(
        full_screen=not args.windowed,
        simulate=args.simulate,
        autoplay=args.autoplay,
        exit_after_scans=max(0, args.exit_after_scans),
    )
    return run_demo_kiosk(ctx.config, ctx.database.parent, options)


def _run(ctx: Context, args: argparse.Namespace) -> int:
    from app.ui.app import run_kiosk  # noqa: PLC0415 - Qt only for the kiosk

    return run_kiosk(ctx.config, ctx.database.parent, config_path=ctx.config_path)


PLAIN_COMMANDS: dict[str, Callable[[Context, argparse.Namespace], int]] = {
    "config": lambda ctx, args: (
        _config(ctx)
        if args.config_action is None
        else run_config_set(args.home, args.config, args.key, args.value)
    ),
    "decode": lambda ctx, args: run_decode(ctx.config, args),
    "devices": lambda ctx, args: run_devices(ctx.config, args),
    "nfc": lambda ctx, args: run_nfc(ctx.config, args),
    "demo": _demo,
    "run": _run,
}
STORE_COMMANDS: dict[str, Callable[[Context, argparse.Namespace, StoreWriter], int]] = {
    "status": lambda ctx, args, writer: _status(ctx, writer),
    "stamp": lambda ctx, args, writer: _stamp(ctx, writer, args.card, args.count),
    "events": lambda ctx, args, writer: (
        _events(ctx, writer, args.state, args.limit)
        if args.decision is None
        else _decide(ctx, writer, args)
    ),
    "sync": lambda ctx, args, writer: run_sync(
        ctx.config, writer, once=args.once, json_output=ctx.json
    ),
}


def _dispatch(args: argparse.Namespace, ctx: Context) -> int:
    plain = PLAIN_COMMANDS.get(args.command)
    if plain is not None:
        return plain(ctx, args)
    with StoreWriter.open(ctx.database) as writer:
        return STORE_COMMANDS[args.command](ctx, args, writer)


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args, _context(args))
    except Refused as exc:
        message, code = f"refused ({exc.code}): {exc.message}", EXIT_REFUSED
    except ConfigError as exc:
        message, code = f"configuration error: {exc}", EXIT_USAGE
    except StoreError as exc:
        message, code = f"local database error: {exc}", EXIT_STORE
    except DeviceProblem as exc:
        message, code = f"device: {exc}", EXIT_DEVICE
    except StampTerminalError as exc:
        message, code = f"error: {exc}", EXIT_BUG
    print(f"stamp-terminal: {message}", file=sys.stderr)
    return code


def main() -> None:
    """Console entry point."""
    sys.exit(run())
