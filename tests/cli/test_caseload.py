"""`learners add / register / show`, `signoff` and `iv sample` as a user runs them: real processes, exit codes."""

import json
import subprocess
import sys

from assessor_app.paths import DataFolder
from tests.conftest import IMI

CS7 = "A/506/2130"


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120)


def one_line_error(result, words):
    return (result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
            and words in result.stderr)


def test_add_register_show_sign_off_and_sample(data_dir):
    added = run(data_dir, "learners", "add", "Zoë Wiśniewski", "IMI-9", "--email", "zoe@example.org",
                "--employer-name-address", "Ware Garden Centre", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["registration_no"] == "IMI-9"
    assert one_line_error(run(data_dir, "learners", "add", "Someone", "IMI-9"), "already used")

    registered = run(data_dir, "learners", "register", "IMI-9", "--qualification", IMI, "--json")
    assert registered.returncode == 0, registered.stderr
    route = json.loads(registered.stdout)
    assert CS7 in route["units"] and len(route["units"]) == 5  # the mandatory units, optional ones to choose
    assert one_line_error(run(data_dir, "learners", "register", "IMI-9", "--qualification", "999/0000/0"),
                          "999/0000/0")

    shown = json.loads(run(data_dir, "learners", "show", "IMI-9", "--json").stdout)
    [registration] = shown["registrations"]
    cs7 = next(u for u in registration["units"] if u["urn"] == CS7)
    assert cs7["criteria_met"] == 0 and "1.1" in cs7["missing"] and cs7["signed_on"] is None
    assert registration["route_problems"] and any(g["credits_short"] for g in registration["groups"])
    text = run(data_dir, "learners", "show", "IMI-9").stdout
    assert "CS 7" in text and "missing 1.1" in text and "short" in text

    refused = run(data_dir, "signoff", "IMI-9", "CS 7", "--assessor", "Priya Shah", "--pin", "4417")
    assert one_line_error(refused, "cannot be signed off") and "have no evidence" in refused.stderr
    assert one_line_error(run(data_dir, "iv", "sample", "IMI-9", "CS7", "--decision", "agreed", "--iv", "Grace"),
                          "not signed off")
    assert one_line_error(run(data_dir, "signoff", "IMI-9", "CS 99", "--assessor", "Priya Shah", "--pin", "4417"),
                          "no unit")
    assert run(data_dir, "iv", "sample", "IMI-9", "CS7", "--decision", "maybe").returncode == 2  # argparse


def test_sign_off_a_covered_unit_then_iv_refers_it_back(data_dir):
    from assessor_app.paths import shipped_dir
    from assessor_app.services.opening import open_session

    assert run(data_dir, "learners", "add", "Ann Lee", "IMI-1").returncode == 0
    assert run(data_dir, "learners", "register", "Ann Lee", "--qualification", IMI).returncode == 0
    folder = DataFolder(data_dir)
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    learner = session.roster.find("IMI-1")
    [registration] = session.roster.registrations(learner.id)
    item, _ = session.evidence.add(learner.id, "observation", "2026-03-02", narrative="Seen at the till.")
    session.mapping.link(item.id, registration.id, CS7,
                         [c.number for c in session.catalogue.get(IMI).unit(CS7).criteria])
    session.store.close()

    signed = run(data_dir, "signoff", "IMI-1", CS7, "--assessor", "Priya Shah", "--pin", "4417",
                 "--date", "2026-03-10", "--json")
    assert signed.returncode == 0, signed.stderr
    assert json.loads(signed.stdout)["pin_no"] == "4417"
    again = run(data_dir, "signoff", "IMI-1", CS7, "--assessor", "Priya Shah", "--pin", "1111")
    assert one_line_error(again, "not Priya Shah's PIN No")
    assert one_line_error(run(data_dir, "iv", "sample", "IMI-1", CS7, "--decision", "referred_back"),
                          "name the IV with --iv")
    referred = run(data_dir, "iv", "sample", "IMI-1", "CS 7", "--decision", "referred_back", "--iv", "Grace Mensah",
                   "--actions", "Add a witness statement", "--date", "2026-03-12", "--json")
    assert referred.returncode == 0, referred.stderr
    assert json.loads(referred.stdout)["decision"] == "referred_back"
    shown = json.loads(run(data_dir, "learners", "show", "IMI-1", "--json").stdout)
    cs7 = next(u for u in shown["registrations"][0]["units"] if u["urn"] == CS7)
    assert cs7["signed_on"] == "2026-03-10" and cs7["iv_decision"] == "referred_back"
    assert cs7["state"] == "Referred back: needs action"


def test_verbose_logs_ids_and_actions_never_the_learners_details(data_dir):
    result = run(data_dir, "--verbose", "learners", "add", "Siobhán Ó'Brien", "IMI-5", "--email", "sob@example.org")
    assert result.returncode == 0, result.stderr
    assert "create learner" in result.stderr
    log = DataFolder(data_dir).log_file.read_text(encoding="utf-8")
    assert "create learner" in log
    for personal in ("Siobhán", "Brien", "IMI-5", "sob@example.org"):
        assert personal not in log and personal not in result.stderr
