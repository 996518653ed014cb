"""`learners import CSV`: bad columns, bad encodings and duplicates are refused by row, and nothing stored is lost."""

import pytest

from assessor_app.services.session import ServiceError

HEADER = "Learner Name,Learner Registration No,Learner Email,Employer Name & Address,Notes\r\n"


def write(tmp_path, data: bytes, name="export.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_good_rows_load_and_bad_rows_are_refused_with_the_reason(session, tmp_path):
    existing, _ = session.roster.add("Amelia Hart", "R0", tel="01992 550101")
    csv = (HEADER + "Zoë Ó'Brien,R1,zoe@example.org,\"Ware Leisure, Park Rd\",\r\n"
           "Tomasz,R2,t@example.org,,\r\n"
           "Tomasz again,R2,,,\r\n"
           ",R3,,,\r\n"
           "No Number,,,,\r\n"
           "Bad Mail,R5,not-an-address,,\r\n"
           "Amelia Hart,R0,new@example.org,,\r\n"
           "\r\n").encode("utf-8")
    report, changes = session.roster.import_csv(write(tmp_path, csv))
    assert [(lr.name, lr.registration_no) for lr in report.imported] == [("Zoë Ó'Brien", "R1"), ("Tomasz", "R2")]
    assert report.imported[0].employer_name_address == "Ware Leisure, Park Rd"
    assert [(r.line, r.reason) for r in report.refused] == [
        (4, "registration number R2 appears again (first on row 3)"),
        (5, "no Learner Name"),
        (6, "no Learner Registration No"),
        (7, "'not-an-address' is not an email address"),
        (8, "registration number R0 is already in the records; left as it is"),
    ]
    assert "ignored column(s): Notes" in report.notes
    assert changes.touches("learner")
    assert session.roster.learner(existing.id) == existing  # untouched
    assert sorted(lr.registration_no for lr in session.roster.learners()) == ["R0", "R1", "R2"]
    assert session.audit_trail.events(limit=1)[0].action == "import"


def test_missing_columns_refuse_the_file_naming_what_is_missing(session, tmp_path):
    with pytest.raises(ServiceError, match="no 'Learner Registration No' column \\(found: Name, Email\\)"):
        session.roster.import_csv(write(tmp_path, b"Name,Email\r\nAnn,a@b.org\r\n"))
    with pytest.raises(ServiceError, match="empty or has no header"):
        session.roster.import_csv(write(tmp_path, b""))
    with pytest.raises(ServiceError, match="does not exist"):
        session.roster.import_csv(tmp_path / "nope.csv")
    assert session.roster.learners() == []


def test_bad_encodings_are_refused_by_row_or_read_with_the_right_encoding(session, tmp_path):
    cp1252 = "Name,Reg No\r\nZoë,R1\r\nAnn,R2\r\n".encode("cp1252")
    report, _ = session.roster.import_csv(write(tmp_path, cp1252), dry_run=True)
    assert [lr.name for lr in report.imported] == ["Ann"]
    assert report.refused[0].line == 2 and "byte 0xeb" in report.refused[0].reason
    assert "--encoding cp1252" in report.refused[0].reason
    assert session.roster.learners() == []  # a dry run stores nothing
    report, _ = session.roster.import_csv(write(tmp_path, cp1252), encoding="cp1252")
    assert sorted(lr.name for lr in session.roster.learners()) == ["Ann", "Zoë"]
    with pytest.raises(ServiceError, match="NUL bytes"):
        session.roster.import_csv(write(tmp_path, "Name,Reg No\r\nAnn,R9\r\n".encode("utf-16")))
    with pytest.raises(ServiceError, match="unknown text encoding"):
        session.roster.import_csv(write(tmp_path, b"Name,Reg No\r\n"), encoding="klingon")


def test_excel_bom_and_semicolons_are_understood(session, tmp_path):
    data = "\ufeffLearner Name;ULN;Learner Tel No\r\nAnn;1234567890;01992 1\r\n".encode("utf-8")
    report, _ = session.roster.import_csv(write(tmp_path, data))
    assert [(lr.name, lr.registration_no, lr.tel) for lr in report.imported] == [("Ann", "1234567890", "01992 1")]
    assert any("separated by ';'" in n for n in report.notes)


def test_a_failed_import_leaves_the_records_as_they_were(session, tmp_path, monkeypatch):
    session.roster.add("Amelia", "R0")
    from assessor_app.store import records

    real = records.insert_learner
    calls = []

    def failing(db, learner, device_id):
        calls.append(learner)
        if len(calls) == 2:
            raise OSError("disk full")
        real(db, learner, device_id)

    monkeypatch.setattr(records, "insert_learner", failing)
    with pytest.raises(OSError):
        session.roster.import_csv(write(tmp_path, b"Name,Reg No\r\nAnn,R1\r\nBob,R2\r\n"))
    assert [lr.registration_no for lr in session.roster.learners()] == ["R0"]  # all or nothing


def test_a_field_too_large_refuses_that_row_and_the_rest_import(session, tmp_path):
    huge = "x" * 200_000
    raw = f'Name,Reg No,Address\r\nAnn,R1,"{huge}"\r\nBob,R2,1 High St\r\n'.encode()
    report, _ = session.roster.import_csv(write(tmp_path, raw))
    assert [lr.name for lr in report.imported] == ["Bob"]
    assert [(r.line, r.registration_no) for r in report.refused] == [(2, "R1")]
    assert "a field of 200,000 characters, over the 131,072 a field may hold" in report.refused[0].reason
    assert [lr.registration_no for lr in session.roster.learners()] == ["R2"]


def test_control_characters_in_imported_names_are_refused(session, tmp_path):
    raw = ('Name,Reg No,Address\r\n"Ann\x1b[31mRed",R1,x\r\nBob,R2,"1 High St\r\nLeeds"\r\nC\x85y,R3,x\r\n'
           .encode())
    report, _ = session.roster.import_csv(write(tmp_path, raw))
    assert [lr.name for lr in report.imported] == ["Bob"] and report.imported[0].address == "1 High St\r\nLeeds"
    assert [r.registration_no for r in report.refused] == ["R1", "R3"]
    assert "control character U+001B" in report.refused[0].reason and "U+0085" in report.refused[1].reason


def test_import_on_a_connection_of_its_own_is_seen_by_the_session(session, tmp_path):
    import threading

    csv = tmp_path / "mis.csv"
    csv.write_text("Learner Name,Learner Registration No\nAnn Lee,R1\n", encoding="utf-8")
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(session.roster.import_csv_on_own_connection(csv)))
    worker.start()
    worker.join(20)
    report, changes = outcome[0]
    assert [lr.registration_no for lr in report.imported] == ["R1"] and changes.learner
    assert session.roster.find("R1").name == "Ann Lee"
