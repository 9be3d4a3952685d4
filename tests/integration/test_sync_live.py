"""Sync against the real reference server on loopback: happy path and a hostile network."""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

import httpx
import pytest
from chaos_transport import ChaosTransport
from live_server import LiveServer
from sync_kit import (
    StepClock,
    open_terminal,
    pending,
    record_visits,
    server_card,
    server_stamp_events,
    terminal_config,
    worker_with,
)

from app.domain.events import EventState
from app.domain.scan import Scan, ScanKind
from app.policy.payload import Refusal
from app.store.writer import StoreWriter
from app.sync.factory import api_client
from app.sync.lookup import RemoteLookup
from app.sync.worker import SyncState
from app.terminal import Identified, Terminal


def test_offline_stamps_reach_the_server_exactly_once(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    card = server.demo["cardInstanceId"]
    config = terminal_config(server)
    clock = StepClock()
    writer, terminal = open_terminal(tmp_path / "terminal.sqlite3", config, clock)
    try:
        ids = record_visits(terminal, clock, card, 23)
        worker, http = worker_with(writer, config, batch_size=10)
        with http:
            offline = worker.sync_once()  # the server is not running yet
            assert offline.state is SyncState.BACKING_OFF
            assert pending(writer) == 23
            server.start()
            report = worker.sync_once()
        assert report.state is SyncState.ONLINE, report.error
        assert report.sent == 23
        stamps = server_stamp_events(server, card)
        assert len(stamps) == 23
        remote = server_card(server, card)
        local = writer.call(lambda o: o.card(card))
        assert local is not None
        assert local.stamps == remote["currentStamps"] == 23 % 10
        assert local.status == remote["status"] == "ACTIVE"
        sent = writer.call(lambda o: o.events(state=EventState.SENT))
        assert [e.event_id for e in sent] == ids
    finally:
        writer.close()
        server.stop()


def test_lost_reset_and_stalled_answers_never_double_count(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    server.start()
    card = server.demo["cardInstanceId"]
    config = terminal_config(server)
    clock = StepClock()
    writer, terminal = open_terminal(tmp_path / "terminal.sqlite3", config, clock)
    chaos = ChaosTransport(
        httpx.HTTPTransport(), seed=7, reset=0.1, lost=0.2, stall=0.1, garbage=0.05
    )
    try:
        worker, http = worker_with(writer, config, chaos, batch_size=7)
        with http:
            recorded = record_visits(terminal, clock, card, 60)
            for _ in range(40):
                worker.sync_once()
                if pending(writer) == 0:
                    break
            chaos.healthy = True
            while pending(writer):
                assert worker.sync_once().state is SyncState.ONLINE
        assert chaos.fates["lost"] > 0 and chaos.fates["reset"] > 0
        stamps = server_stamp_events(server, card)
        assert len(stamps) == len(recorded) == 60
        assert writer.call(lambda o: o.counts()[EventState.SENT]) == 60
        local = writer.call(lambda o: o.card(card))
        assert local is not None
        assert local.stamps == server_card(server, card)["currentStamps"]
    finally:
        writer.close()
        server.stop()


def test_unknown_tag_and_phone_are_looked_up_online_then_work_offline(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    server.start()
    card = server.demo["cardInstanceId"]
    server.post("registerTag", {"tagUid": "04A1B2C3D4E5F6", "cardInstanceId": card})
    config = dataclasses.replace(terminal_config(server), card_public_key="")
    clock = StepClock()
    writer = StoreWriter.open(tmp_path / "terminal.sqlite3", clock=clock)
    try:
        with httpx.Client(base_url=server.url, timeout=5.0) as http:
            client = api_client(http, config)
            terminal = Terminal(config, writer, clock=clock, lookup=RemoteLookup(client, writer))
            tag_scan = Scan(ScanKind.NFC, None, tag_uid="04:a1:b2:c3:d4:e5:f6")
            found = terminal.identify(tag_scan)
            assert isinstance(found, Identified), found
            assert found.card_instance_id == card
            assert found.card is not None
            assert found.card.total_stamps == 10
            unknown = terminal.identify(Scan(ScanKind.NFC, None, tag_uid="04FFFFFFFFFFFF"))
            assert isinstance(unknown, Refusal)
            assert unknown.code == "unknown_tag"
            # one sync caches the server's card-signing key: signed codes verify offline now
            worker, sync_http = worker_with(writer, config)
            with sync_http:
                assert worker.sync_once().state is SyncState.ONLINE
        server.stop()
        offline = Terminal(config, writer, clock=clock)
        again = offline.identify(tag_scan)
        assert isinstance(again, Identified)
        assert again.card_instance_id == card
        signed = offline.identify(Scan(ScanKind.QR, server.demo["cardUrl"]))
        assert isinstance(signed, Identified)
        assert signed.ref.signed
        forged = offline.identify(Scan(ScanKind.QR, server.demo["cardUrl"][:-3] + "AAA"))
        assert isinstance(forged, Refusal)
        assert forged.code == "bad_signature"
    finally:
        writer.close()
        server.stop()


class KillDuringBatch(httpx.BaseTransport):
    """Kills the server a few milliseconds after a batch of events was sent to it."""

    def __init__(self, server: LiveServer, delays: list[float]) -> None:
        self.inner = httpx.HTTPTransport()
        self.server = server
        self.delays = delays
        self.broken_answers = 0
        self.timers: list[threading.Timer] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("reportMultiStampEvents") or not self.delays:
            return self.inner.handle_request(request)
        timer = threading.Timer(self.delays.pop(0), self.server.kill)
        self.timers.append(timer)
        timer.start()
        try:
            return self.inner.handle_request(request)
        except httpx.TransportError:
            self.broken_answers += 1
            raise

    def close(self) -> None:
        self.inner.close()


def test_server_killed_mid_batch_and_restarted(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    server.start()
    card = server.demo["cardInstanceId"]
    config = terminal_config(server)
    clock = StepClock()
    writer, terminal = open_terminal(tmp_path / "terminal.sqlite3", config, clock)
    killer = KillDuringBatch(server, [0.002, 0.01, 0.03, 0.06, 0.1])
    recorded: list[str] = []
    try:
        worker, http = worker_with(writer, config, killer, batch_size=1000)
        with http:
            while killer.delays:
                recorded += record_visits(terminal, clock, card, 1000)
                worker.sync_once()
                for timer in killer.timers:
                    timer.join()
                server.kill()  # in case the timer fired after the answer
                server.start()
            while pending(writer):
                report = worker.sync_once()
                assert report.state is not SyncState.CREDENTIALS, report.error
        assert killer.broken_answers > 0, "no kill landed while a batch was in flight"
        assert len(server_stamp_events(server, card)) == len(recorded) == 5000
        assert writer.call(lambda o: o.counts()[EventState.SENT]) == 5000
    finally:
        writer.close()
        server.stop()


def test_credentials_never_reach_logs_or_errors(
    live_server: LiveServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    config = terminal_config(live_server)
    clock = StepClock()
    writer, terminal = open_terminal(tmp_path / "terminal.sqlite3", config, clock)
    try:
        record_visits(terminal, clock, live_server.demo["cardInstanceId"], 3)
        worker, http = worker_with(writer, config)
        with http:
            assert worker.sync_once().state is SyncState.ONLINE
        wrong = dataclasses.replace(config, terminal_token="trm_" + "x" * 40)
        worker, http = worker_with(writer, wrong)
        with http:
            refused = worker.sync_once()
        assert refused.state is SyncState.CREDENTIALS
        texts = [r.getMessage() for r in caplog.records] + [str(refused.error)]
        texts += [str(worker.status), writer.call(lambda o: o.meta_get("last_sync_error")) or ""]
        for secret in (config.api_key, config.terminal_token, wrong.terminal_token):
            assert not any(secret in text for text in texts)
        assert any("HTTP Request" in text for text in texts)  # the logs were captured at all
    finally:
        writer.close()
