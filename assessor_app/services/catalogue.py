"""Loading qualification files from the shipped folder and the data folder, reporting every bad file by name."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.catalogue import CatalogueError, Qualification, qualification_from_dict
from assessor_app.durable import write_atomically


@dataclass(frozen=True)
class FileProblem:
    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class Catalogue:
    """Every qualification that loaded, by number, with each one's content fingerprint, and the files that did not."""

    qualifications: dict[str, Qualification] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    # Where each version a registration may have been made against is kept, as <fingerprint>.json.
    versions_dir: Path | None = None
    _versions: dict[str, Qualification] = field(default_factory=dict)

    def get(self, number: str) -> Qualification:
        try:
            return self.qualifications[number]
        except KeyError:
            known = ", ".join(sorted(self.qualifications)) or "none"
            raise KeyError(f"no qualification {number} (known: {known})") from None

    def keep_versions(self) -> None:
        """Copy each loaded file to versions_dir once, named by its fingerprint, so a learner registered on it
        keeps exactly these criteria whatever file later replaces it (an awarding body's reissue, a correction)."""
        if self.versions_dir is None:
            return
        for number, digest in self.fingerprints.items():
            target = self.versions_dir / f"{digest}.json"
            if target.exists():
                continue
            raw = self.sources[number].read_bytes()
            if fingerprint(raw) == digest:  # the file did not change under us since it was loaded
                write_atomically(target, raw)

    def version(self, number: str, digest: str) -> Qualification:
        """The qualification as it was when a registration recorded `digest`: the current file when it is that
        version, else the kept copy. A registration older than version keeping, whose copy was never made, gets
        the current file. KeyError when neither exists."""
        current = self.qualifications.get(number)
        if current is not None and (not digest or self.fingerprints.get(number) == digest):
            return current
        if digest in self._versions:
            return self._versions[digest]
        kept = self.versions_dir / f"{digest}.json" if self.versions_dir and digest else None
        if kept is not None and kept.exists():
            try:
                qualification, found = read_qualification_file(kept)
            except (CatalogueError, ValueError, OSError) as error:
                self.problems.append(FileProblem(kept, f"kept version unreadable ({error}); using the current file"))
            else:
                if found == digest and qualification.number == number:
                    self._versions[digest] = qualification
                    return qualification
                self.problems.append(FileProblem(kept, "kept version does not match its name; using the current file"))
        return self.get(number)

    def is_current(self, number: str, digest: str) -> bool:
        """Whether a registration's recorded version is the file installed now."""
        return not digest or self.fingerprints.get(number) == digest

    def listing(self) -> list[Qualification]:
        return sorted(self.qualifications.values(), key=lambda q: (q.kind != "qualification", q.number))


# The largest shipped file is about 0.5 MB; ten times that is room for any real qualification, and a file past it
# (a mistaken export, a log renamed .json) is refused before it is read or copied into the data folder.
MAX_QUALIFICATION_BYTES = 5 * 1024 * 1024


def read_qualification_file(path: Path) -> tuple[Qualification, str]:
    """Parse and validate one file; raises CatalogueError naming the field, or ValueError for unreadable bytes,
    a file over MAX_QUALIFICATION_BYTES, or JSON nested too deeply to be a qualification."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_QUALIFICATION_BYTES:
        raise ValueError(f"{size / 1024 / 1024:.1f} MB is over the {MAX_QUALIFICATION_BYTES // (1024 * 1024)} MB "
                         "limit for a qualification file (the largest real one is well under 1 MB)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start} is 0x{raw[error.start]:02x})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise ValueError("its JSON is nested too deeply to be a qualification file (lists or objects inside one "
                         "another thousands of levels down)") from None
    return qualification_from_dict(data), fingerprint(raw)


def fingerprint(raw: bytes) -> str:
    """The content fingerprint a registration records, so a newer file never silently changes its criteria."""
    return hashlib.sha256(raw).hexdigest()


def load_catalogue(*folders: Path) -> Catalogue:
    """Load every *.json (except schema.json) in the folders, in order; a later file does not replace an earlier."""
    catalogue = Catalogue()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            if path.name == "schema.json":
                continue
            try:
                qualification, digest = read_qualification_file(path)
            except (CatalogueError, ValueError, OSError) as error:
                catalogue.problems.append(FileProblem(path, str(error)))
                continue
            if qualification.number in catalogue.qualifications:
                catalogue.problems.append(FileProblem(
                    path, f"qualification {qualification.number} is already loaded from "
                          f"{catalogue.sources[qualification.number].name}; this file is ignored"))
                continue
            catalogue.qualifications[qualification.number] = qualification
            catalogue.fingerprints[qualification.number] = digest
            catalogue.sources[qualification.number] = path
    return catalogue


def centre_file_name(number: str) -> str:
    """The file name a centre's qualification gets in the data folder: its number, made safe for any file system."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in number)
    return f"centre-{safe}.json"


def import_qualification_file(source: Path, target_folder: Path, catalogue: Catalogue) -> tuple[Qualification, Path]:
    """Validate a centre's qualification file and copy it into the data folder whole, or not at all.

    Refused (ValueError / CatalogueError naming the problem) when invalid or when its number is already loaded:
    a registration's criteria must never change under it because a second file claims the same number."""
    qualification, _ = read_qualification_file(source)
    if qualification.number in catalogue.qualifications:
        raise ValueError(f"{source}: qualification {qualification.number} is already loaded from "
                         f"{catalogue.sources[qualification.number]}; nothing was imported")
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / centre_file_name(qualification.number)
    # The very bytes validated above go in, so what loads is what was checked.
    write_atomically(target, Path(source).read_bytes())
    return qualification, target
