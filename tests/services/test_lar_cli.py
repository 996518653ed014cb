"""`assessor-app export lar` and `export batch` as a user runs them: real subprocess, real data folder, exit codes."""

import json
import subprocess
import sys

import pypdf

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
from tests.export.pdf_reading import squash
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


def test_export_refuses_a_record_whose_files_are_missing_unless_allowed(world, tmp_path):
    from tests.services.conftest import CS7, cover_unit

    s = world.session
    cover_unit(world)
    s.signoffs.sign(world.registration.id, CS7, world.assessor.id, "2026-03-10")
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01", title="log")
    (tmp_path / "log.pdf").write_bytes(b"%PDF-1.4 the learner's log\n")
    attachment, _ = s.attachments.attach(item.id, tmp_path / "log.pdf")
    signature = world.assessor.signature_sha256
    s.blobs.path_of(signature).unlink()
    s.blobs.path_of(attachment.sha256).write_bytes(b"%PDF-1.4 edited\n")
    data_dir = s.store.path.parent
    s.store.close()

    out = tmp_path / "amelia.pdf"
    refused = run(data_dir, "export", "lar", "--learner", "IMI-1", "--out", str(out))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and not out.exists(), refused.stderr
    assert "the record of Amelia Hart is incomplete, so it was not written" in refused.stderr
    assert f"signature image {signature[:12]}... is missing or damaged" in refused.stderr
    assert f"log.pdf (evidence {item.ref}): file {attachment.sha256[:12]}... has" in refused.stderr
    assert "--allow-incomplete" in refused.stderr

    allowed = run(data_dir, "export", "lar", "--learner", "IMI-1", "--out", str(out), "--allow-incomplete",
                  "--json")
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["missing_images"] == [signature] * len(json.loads(allowed.stdout)
                                                                              ["missing_images"])
    text = squash(" ".join(page.extract_text() for page in pypdf.PdfReader(out).pages))
    assert text.count(f"signature image missing: {signature[:12]}") >= 2  # contact sheet and unit page footer


def _small_record(data_dir, tmp_path):
    """A learner with a draft comment (logged with an observation) and a witness testimony nobody has signed."""
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    try:
        learner, _ = session.roster.add("Amelia Hart", "IMI-7")
        q = session.catalogue.get("601/3456/2")
        session.roster.register(learner.id, q.number, [u.urn for u in q.units], allow_incomplete=True)
        witness, _ = session.people.add("witness", "Dev Patel", job_title="Store Manager")
        session.evidence.add(learner.id, "observation", "2026-03-02", narrative="Served customers.",
                             draft_comment=True)
        testimony, _ = session.evidence.add(learner.id, "witness_testimony", "2026-03-03",
                                            narrative="Amelia reorganised the returns desk.", person_ids=[witness.id])
        return testimony
    finally:
        session.store.close()


def test_export_lar_lists_what_is_incomplete_on_stderr_and_strict_makes_it_an_error(data_dir, tmp_path):
    testimony = _small_record(data_dir, tmp_path)
    out = tmp_path / "amelia.pdf"
    done = run(data_dir, "export", "lar", "--learner", "IMI-7", "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("assessor-app: incomplete: ") for line in lines), lines
    assert any("draft comment of 2026-03-02 (E1)" in line for line in lines), lines
    assert f"assessor-app: incomplete: {testimony.ref} (witness testimony) is not signed by the witness" in lines
    assert "incomplete items listed on stderr" in done.stdout and out.exists()
    draft_page = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "DRAFT, not yet finished by the assessor:" in draft_page  # printed, marked, not dropped

    strict = run(data_dir, "export", "lar", "--learner", "IMI-7", "--out", str(tmp_path / "strict.pdf"), "--strict",
                 "--json")
    assert strict.returncode == 1
    *listed, last = strict.stderr.splitlines()
    assert listed == lines and last == f"assessor-app: the record of Amelia Hart is incomplete ({len(lines)} items " \
                                       "listed above)"
    assert {g["kind"] for g in json.loads(strict.stdout)["incomplete"]} >= {"draft comment", "unsigned"}
    assert "Traceback" not in strict.stderr


def test_export_batch_holds_back_an_incomplete_record_unless_allowed(world, tmp_path):
    from tests.services.conftest import CS7, cover_unit

    s = world.session
    cover_unit(world)
    s.signoffs.sign(world.registration.id, CS7, world.assessor.id, "2026-03-10")  # prints the assessor's signature
    s.blobs.path_of(world.assessor.signature_sha256).unlink()
    complete, _ = s.roster.add("Ben Cole", "IMI-2")
    s.roster.register(complete.id, "601/3456/2", list(world.registration.chosen_units))
    data_dir = s.store.path.parent
    s.store.close()
    held = run(data_dir, "export", "batch", "--out-dir", str(tmp_path / "out"), "--json")
    assert held.returncode == 0, held.stderr
    result = json.loads(held.stdout)
    assert [p.rsplit("/", 1)[-1].split(" ")[0] for p in result["written"]] == ["IMI-2"]
    assert result["problems"][0][0] == "Amelia Hart" and "incomplete, not written" in result["problems"][0][1]
    allowed = run(data_dir, "export", "batch", "--out-dir", str(tmp_path / "all"), "--allow-incomplete", "--json")
    assert len(json.loads(allowed.stdout)["written"]) == 2, allowed.stderr
