"""A registration keeps the criteria of the qualification file it was made against, whatever file replaces it."""

import json

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session

NUMBER = "CENTRE/VERSIONED/1"


def centre_file(folder: DataFolder, ac_text: str) -> None:
    """A centre's own qualification (a copy of the Pearson Award) whose first AC reads `ac_text`."""
    document = json.loads((shipped_dir("qualifications") / "pearson-601-5358-1.json").read_text(encoding="utf-8"))
    document["number"] = NUMBER
    document["units"][0]["outcomes"][0]["criteria"][0]["text"] = ac_text
    (folder.qualifications / "centre-versioned.json").write_text(json.dumps(document), encoding="utf-8")


def session_on(folder: DataFolder):
    return open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], folder.device_id())


def test_a_reissued_file_does_not_change_a_registered_learners_criteria(tmp_path):
    folder = DataFolder(tmp_path / "data").ensure()
    centre_file(folder, "Explain the first version's wording")
    session = session_on(folder)
    learner, _ = session.roster.add("Ann Example", "R-1")
    registration, _ = session.roster.register(learner.id, NUMBER)
    urn = registration.chosen_units[0]
    session.store.close()

    centre_file(folder, "Explain the reissued wording")  # the centre installs a corrected file
    session = session_on(folder)
    registration = session.roster.registration(registration.id)
    assert not session.roster.on_current_version(registration)
    kept = session.progress.unit_record(registration.id, urn)
    assert kept.rows[0].text == "Explain the first version's wording"
    assert session.catalogue.get(NUMBER).units[0].outcomes[0].criteria[0].text == "Explain the reissued wording"

    newcomer, _ = session.roster.add("Bo Example", "R-2")
    fresh, _ = session.roster.register(newcomer.id, NUMBER)
    assert session.roster.on_current_version(fresh)
    assert session.progress.unit_record(fresh.id, urn).rows[0].text == "Explain the reissued wording"
    session.store.close()


def test_each_loaded_file_is_kept_once_by_its_fingerprint(tmp_path):
    folder = DataFolder(tmp_path / "data").ensure()
    session = session_on(folder)
    versions = folder.qualifications / "versions"
    kept = sorted(p.name for p in versions.glob("*.json"))
    assert kept == sorted(f"{d}.json" for d in session.catalogue.fingerprints.values())
    session.store.close()
    session_on(folder).store.close()
    assert sorted(p.name for p in versions.glob("*.json")) == kept


def test_a_damaged_kept_copy_is_reported_and_the_current_file_used(tmp_path):
    folder = DataFolder(tmp_path / "data").ensure()
    centre_file(folder, "Version one")
    session = session_on(folder)
    learner, _ = session.roster.add("Ann Example", "R-1")
    registration, _ = session.roster.register(learner.id, NUMBER)
    session.store.close()
    (folder.qualifications / "versions" / f"{registration.qualification_fingerprint}.json").write_text("{", "utf-8")
    centre_file(folder, "Version two")
    session = session_on(folder)
    record = session.progress.unit_record(registration.id, registration.chosen_units[0])
    assert record.rows[0].text == "Version two"
    assert any("kept version unreadable" in p.problem for p in session.catalogue.problems)
    session.store.close()
