"""`assessor-app export lar` and `export batch` as a user runs them: real subprocess, real data folder, exit codes."""

import json
import subprocess
import sys

import pypdf

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
from tests.services.lar_fixture import LEARNER, populate_full_record


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=300)


def _records(data_dir, tmp_path):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    learner, _, people = populate_full_record(session, "601/3456/2", tmp_path / "files")
    second = dict(LEARNER, name="Amelia Hart", registration_no="LAR-2026-0001", email="amelia@example.org")
    populate_full_record(session, "601/5358/1", tmp_path / "files", learner=second, people=people)
    session.store.close()
    return learner


def test_export_lar_by_registration_number_name_and_qualification(data_dir, tmp_path):
    learner = _records(data_dir, tmp_path)
    out = tmp_path / "zoe.pdf"
    done = run(data_dir, "export", "lar", "--learner", learner.registration_no, "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["qualification"] == "601/3456/2" and result["units"] == 39 and len(result["fingerprint"]) == 12
    first = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages[:2])
    assert "Zoë Ó'Brien-Łukasiewicz" in first and f"Record fingerprint: {result['fingerprint']}" in first
    again = run(data_dir, "export", "lar", "--learner", "Amelia Hart", "--qualification", "601/5358/1",
                "--out", str(tmp_path / "amelia.pdf"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Wrote ") and "601/5358/1" in again.stdout


def test_export_lar_user_errors_are_one_line(data_dir, tmp_path):
    _records(data_dir, tmp_path)
    for args in (["--learner", "Nobody", "--out", str(tmp_path / "x.pdf")],
                 ["--learner", "Amelia Hart", "--qualification", "601/3577/3", "--out", str(tmp_path / "x.pdf")],
                 ["--learner", "Amelia Hart", "--out", str(tmp_path / "x.txt")],
                 ["--learner", "Amelia Hart", "--out", str(tmp_path / "missing" / "x.pdf")]):
        done = run(data_dir, "export", "lar", *args)
        assert done.returncode == 1, args
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("assessor-app: "), done.stderr
        assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("x.*"))


def test_export_batch_writes_one_file_per_registration_on_both_cores(data_dir, tmp_path):
    _records(data_dir, tmp_path)
    done = run(data_dir, "export", "batch", "--out-dir", str(tmp_path / "sample"), "--workers", "2", "--json")
    assert done.returncode == 0, done.stderr
    written = json.loads(done.stdout)["written"]
    assert sorted(p.rsplit("/", 1)[1] for p in written) == [
        "LAR-2026-0001 Amelia Hart - LAR 601-5358-1.pdf", "LAR-2026-0002 Zoë Ó'Brien-Łukasiewicz - LAR 601-3456-2.pdf"]
