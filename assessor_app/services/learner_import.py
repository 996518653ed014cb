"""`learners import CSV`: reading a centre's MIS export, refusing bad rows one by one with the reason, storing the rest."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.ids import new_id
from assessor_app.domain.records import CONTACT_SHEET_FIELDS, Learner
from assessor_app.services.context import Context, ServiceError
from assessor_app.store import records

# Column headings accepted for each field, compared after lower-casing and dropping everything but
# letters and digits: the CONTACT SHEET labels, our field names, and what MIS exports commonly say.
ALIASES = {
    "name": ("learnername", "name", "fullname", "learner", "studentname", "candidatename"),
    "registration_no": ("learnerregistrationno", "registrationno", "registrationnumber", "regno", "learnerref",
                        "learnerreference", "candidatenumber", "uln", "learnerid", "studentid"),
    "address": ("learneraddress", "address", "homeaddress"),
    "tel": ("learnertelno", "tel", "telephone", "phone", "telno", "mobile", "phonenumber"),
    "email": ("learneremail", "email", "emailaddress"),
    "employer_contact": ("employercontact", "employercontactname", "manager", "workplacecontact"),
    "employer_name_address": ("employernameaddress", "employernameandaddress", "employer", "employername"),
    "employer_tel": ("employertelno", "employertel", "employertelephone", "employerphone"),
}
REQUIRED = ("name", "registration_no")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A field longer than this is no name or address (Python's csv module stops at the same size by default); the
# row holding it is refused and the rest of the file is read as usual.
FIELD_LIMIT = 131072
# Control characters would reach terminals and the PDF raw; line breaks are allowed in the two address fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MULTILINE = ("address", "employer_name_address")
_LABELS = dict(CONTACT_SHEET_FIELDS)


@dataclass(frozen=True)
class RefusedRow:
    line: int
    registration_no: str
    reason: str

    def __str__(self) -> str:
        who = f" ({self.registration_no})" if self.registration_no else ""
        return f"row {self.line}{who}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did: learners added, rows refused with reasons, and notes (ignored columns, encoding)."""

    source: str
    imported: list[Learner] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would be imported" if self.dry_run else "imported"
        return f"{len(self.imported)} learner(s) {verb}, {len(self.refused)} row(s) refused"


def _key(heading: str) -> str:
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    lookup = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
    found, ignored = {}, []
    for index, heading in enumerate(header):
        name = lookup.get(_key(heading))
        if name is None or name in found:
            ignored.append(heading)
        else:
            found[name] = index
    return found, ignored


def read_rows(raw: bytes, encoding: str = "utf-8") -> tuple[list[list[str]], list[str]]:
    """Decode and split a CSV export. Bytes that are not valid in `encoding` are kept as markers so the
    rows holding them can be refused by number, not the whole file. Returns (rows, notes)."""
    notes = []
    if encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
        encoding = "utf-8-sig"  # Excel's "CSV UTF-8" starts with a byte-order mark
    text = raw.decode(encoding, errors="surrogateescape")
    if "\x00" in text:
        raise ServiceError("the file holds NUL bytes: it is not a CSV text file (an .xlsx saved under a .csv "
                           "name, or UTF-16 text?); save it from the spreadsheet as 'CSV UTF-8'")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    if delimiter != ",":
        notes.append(f"columns are separated by {'tabs' if delimiter == chr(9) else repr(delimiter)}")
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # long fields are refused row by row
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), notes


def _bad_byte(value: str) -> str | None:
    for ch in value:
        if "\udc80" <= ch <= "\udcff":
            return f"0x{ord(ch) - 0xDC00:02x}"
    return None


class LearnerImport:
    def __init__(self, context: Context):
        self._context = context

    def run(self, path: Path, *, encoding: str = "utf-8", dry_run: bool = False) -> tuple[ImportReport, Changes]:
        """Load learners from a CSV export. The header must name at least the learner's name and registration
        number (CONTACT SHEET labels, our field names or common MIS headings). Each bad row is refused with
        its line number and reason (missing value, undecodable bytes, bad email, duplicate in the file,
        already in the records); every good row is stored in ONE transaction, so an import is all-or-nothing
        and never touches learners already stored. Inverse: delete each imported learner."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ServiceError(f"{path} does not exist") from None
        except IsADirectoryError:
            raise ServiceError(f"{path} is a folder, not a CSV file") from None
        try:
            rows, notes = read_rows(raw, encoding)
        except LookupError:
            raise ServiceError(f"unknown text encoding {encoding!r} (try utf-8 or cp1252)") from None
        report = ImportReport(str(path), notes=notes, dry_run=dry_run)
        if not rows or not any(cell.strip() for cell in rows[0]):
            raise ServiceError(f"{path} is empty or has no header row")
        columns, ignored = _columns(rows[0])
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            wanted = " and ".join(f"'{_LABELS[m].rstrip(':')}'" for m in missing)
            raise ServiceError(f"{path}: no {wanted} column (found: {', '.join(h for h in rows[0] if h) or 'none'})")
        if ignored:
            report.notes.append(f"ignored column(s): {', '.join(h or '(blank)' for h in ignored)}")
        self._classify(rows, columns, report, encoding)
        if dry_run or not report.imported:
            return report, Changes()
        with self._context.write() as w:
            taken = records.registration_numbers(w.db)  # again, inside the transaction
            clash = [lr.registration_no for lr in report.imported if lr.registration_no in taken]
            if clash:
                raise ServiceError(f"learners {', '.join(clash)} were added while importing; run the import again")
            for learner in report.imported:
                records.insert_learner(w.db, learner, w.device_id)
                w.audit("create", "learner", learner.id, None, learner, learner_id=learner.id)
            w.audit("import", "learner", path.name, None, {"source": str(path), "imported": len(report.imported),
                                                           "refused": len(report.refused)})
        return report, w.changes

    def _classify(self, rows: list[list[str]], columns: dict[str, int], report: ImportReport, encoding: str) -> None:
        taken = records.registration_numbers(self._context.db)
        seen: dict[str, int] = {}
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            values = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
            reg = values["registration_no"]
            reason = self._refusal(values, row, columns, encoding)
            if reason is None and reg in seen:
                reason = f"registration number {reg} appears again (first on row {seen[reg]})"
            if reason is None and reg in taken:
                reason = f"registration number {reg} is already in the records; left as it is"
            if reason:
                report.refused.append(RefusedRow(line, "" if _bad_byte(reg) else reg, reason))
                continue
            seen[reg] = line
            report.imported.append(Learner(id=new_id(), **values))

    @staticmethod
    def _refusal(values: dict, row: list[str], columns: dict[str, int], encoding: str) -> str | None:
        if len(row) > 1 and len(row) < max(columns.values()) + 1:
            return f"only {len(row)} columns, the header has more (a missing separator or a broken line?)"
        longest = max(row, key=len)
        if len(longest) > FIELD_LIMIT:
            return f"a field of {len(longest):,} characters, over the {FIELD_LIMIT:,} a field may hold"
        for name, value in values.items():
            control = _CONTROL.search(value.replace("\r\n", "\n").replace("\n", "") if name in _MULTILINE
                                      else value)
            if control:
                return (f"'{_LABELS[name].rstrip(':')}' holds the control character U+{ord(control.group()):04X}, "
                        "which a name or contact detail cannot contain")
            bad = _bad_byte(value)
            if bad:
                return (f"'{_LABELS[name].rstrip(':')}' has byte {bad}, which is not {encoding} text; save the "
                        "file as 'CSV UTF-8' or import with --encoding cp1252")
        for name in REQUIRED:
            if not values[name]:
                return f"no {_LABELS[name].rstrip(':')}"
        if values.get("email") and not _EMAIL.match(values["email"]):
            return f"{values['email']!r} is not an email address"
        return None
