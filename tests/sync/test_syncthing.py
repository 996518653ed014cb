"""A centre that outgrew one stick: two real Syncthing instances on loopback carry the sync folder between laptops."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.sync.fleet import make_device, seed

pytestmark = [pytest.mark.slow, pytest.mark.syncthing]
PASSPHRASE = "centre passphrase"
FOLDER_ID = "assessor-sync"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Instance:
    """One Syncthing with its own home, GUI/REST port and listening port, all on 127.0.0.1."""

    def __init__(self, home: Path, folder: Path):
        self.home, self.folder = home, folder
        self.port, self.gui_port, self.api_key = _free_port(), _free_port(), secrets.token_hex(16)
        subprocess.run(["syncthing", "generate", "--home", str(home), "--no-default-folder", "--skip-port-probing"],
                       check=True, capture_output=True)
        self.device_id = subprocess.run(["syncthing", "--home", str(home), "--device-id"], check=True,
                                        capture_output=True, text=True).stdout.strip()
        self.process = None

    def configure(self, peer: "Instance") -> None:
        devices = "".join(
            f'<device id="{i.device_id}" name="{i.home.name}" compression="metadata" introducer="false">'
            f"<address>tcp://127.0.0.1:{i.port}</address></device>" for i in (self, peer))
        (self.home / "config.xml").write_text(f"""<configuration version="36">
  <folder id="{FOLDER_ID}" label="{FOLDER_ID}" path="{self.folder}" type="sendreceive" rescanIntervalS="3600"
          fsWatcherEnabled="false">
    <device id="{self.device_id}"></device><device id="{peer.device_id}"></device>
    <maxConflicts>10</maxConflicts>
  </folder>
  {devices}
  <gui enabled="true" tls="false"><address>127.0.0.1:{self.gui_port}</address><apikey>{self.api_key}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:{self.port}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled><localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled><urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH><startBrowser>false</startBrowser>
    <crashReportingEnabled>false</crashReportingEnabled>
  </options>
</configuration>
""")

    def start(self) -> None:
        env = {**os.environ, "STNOUPGRADE": "1"}
        self.process = subprocess.Popen(["syncthing", "serve", "--home", str(self.home), "--no-browser", "--no-restart",
                                         "--no-upgrade"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def rest(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}", method=method,
                                         headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = answer.read()
        return json.loads(body) if body.strip() else None

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.rest("/rest/system/ping")
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"syncthing in {self.home} did not start")

    def wait_connected(self, peer: "Instance", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.rest("/rest/system/connections")["connections"].get(peer.device_id, {}).get("connected"):
                return
            time.sleep(0.3)
        raise AssertionError("the two syncthing instances did not connect")

    def send_to(self, peer: "Instance", timeout: float = 60) -> None:
        """Scan now, then wait until the peer has everything this side has."""
        self.rest(f"/rest/db/scan?folder={FOLDER_ID}", method="POST")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.rest(f"/rest/db/completion?folder={FOLDER_ID}&device={peer.device_id}")
            if done.get("completion") == 100 and done.get("needItems", 0) == 0 and done.get("sequence", 0) >= 1:
                status = peer.rest(f"/rest/db/status?folder={FOLDER_ID}")
                if status.get("needTotalItems", 0) == 0 and status.get("state") == "idle":
                    return
            time.sleep(0.3)
        raise AssertionError("syncthing did not carry the folder across in time")


def test_two_syncthing_instances_carry_two_laptops_to_the_same_records(tmp_path):
    assert shutil.which("syncthing"), "Debian's syncthing package is needed: packaging/dev.sh installs it"
    one_stick, two_stick = tmp_path / "one-synced", tmp_path / "two-synced"
    for folder in (one_stick, two_stick):
        (folder / ".stfolder").mkdir(parents=True)
    first, second = Instance(tmp_path / "st-one", one_stick), Instance(tmp_path / "st-two", two_stick)
    first.configure(second)
    second.configure(first)
    one, two = make_device(tmp_path / "laptop-one", "devOne"), make_device(tmp_path / "laptop-two", "devTwo")
    try:
        first.start()
        second.start()
        first.wait_ready()
        second.wait_ready()
        first.wait_connected(second)
        world = seed(one, tmp_path)
        one.session.sync.sync(one_stick, PASSPHRASE)
        first.send_to(second)
        assert two.session.sync.sync(two_stick, PASSPHRASE)[0].received_changes > 0
        # Both laptops edit, each syncs into its own replica; Syncthing carries the bundles both ways.
        one.session.roster.update(world.learner_id, address="1 Syncthing Street")
        one.session.evidence.add(world.learner_id, "product", "2026-03-01", title="From laptop one")
        two.session.evidence.add(world.learner_id, "product", "2026-03-01", title="From laptop two")
        one.session.sync.sync(one_stick, PASSPHRASE)
        two.session.sync.sync(two_stick, PASSPHRASE)
        first.send_to(second)
        second.send_to(first)
        two.session.sync.sync(two_stick, PASSPHRASE)
        one.session.sync.sync(one_stick, PASSPHRASE)
        second.send_to(first)
        first.send_to(second)
        reports = [one.session.sync.sync(one_stick, PASSPHRASE)[0], two.session.sync.sync(two_stick, PASSPHRASE)[0]]
    finally:
        first.stop()
        second.stop()
    assert all(r.set_aside == [] for r in reports)
    assert one.dump() == two.dump()
    titles = sorted(i.title for i in two.session.evidence.register(world.learner_id))
    assert titles == ["From laptop one", "From laptop two"]
    assert two.session.roster.learner(world.learner_id).address == "1 Syncthing Street"
    assert (one_stick / ".stfolder").is_dir() and (two_stick / ".stfolder").is_dir()
