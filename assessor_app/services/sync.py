"""Sync through a folder: import what other devices left there, send this device's changes, report what needs the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import next_ref
from assessor_app.domain.ids import new_id
from assessor_app.domain.signoff import Reopening
from assessor_app.services.blobs import BlobStore
from assessor_app.services.context import Context, ServiceError
from assessor_app.store import merge_apply, outbox, records, signoffs, sync_records, sync_writes
from assessor_app.sync import crypto
from assessor_app.sync.bundle import SetAside, file_hash, read_bundle, write_bundle
from assessor_app.sync.folder import PART_SIZE, SyncFolder

# Changes per bundle: a first sync of a big database becomes several bundles of bounded size.
BUNDLE_CHANGES = 20000
PLAIN_WARNING = ("without a passphrase everything in the sync folder is plain: a lost stick exposes learners' "
                 "names, addresses and evidence")
SYNC_TABLES = ("learner", "registration", "criterion_tick", "evidence_item", "evidence_link", "comment", "unit_signoff", "attachment",
               "person", "iv_sample", "unit_reopen", "amendment_decision")


def describe_amendment(request: dict) -> str:
    """One line for a person: what the held edit would do, and to which signed-off unit."""
    values = request["values"]
    what = request["table_name"].replace("_", " ").replace("evidence link", "evidence mapping")
    if "id" in values:  # a whole new record
        criterion = f" to AC {values['criterion_number']}" if values.get("criterion_number") else ""
        text = f"new {what}{criterion}"
    elif values.get("deleted") == 1:
        text = f"{what} removed"
    else:
        shown = ", ".join(f"{f} = {str(values[f])[:40]!r}" for f in request["fields"] if f != "deleted")
        text = f"{what} changed: {shown}"
    return f"{text}, in signed-off unit {request['unit_urn']} (made where the sign-off was not yet known)"


class SyncCancelled(Exception):
    """The user cancelled before anything was applied; the records are as they were."""


@dataclass
class SyncReport:
    folder: str
    encrypted: bool = True
    sent_changes: int = 0
    sent_bundles: list[str] = field(default_factory=list)
    sent_files: int = 0
    received_changes: int = 0
    received_bundles: int = 0
    received_files: int = 0
    set_aside: list[str] = field(default_factory=list)
    cannot_write: str | None = None
    clock_ahead: list[str] = field(default_factory=list)
    amendments: list[dict] = field(default_factory=list)
    duplicates: list[list[dict]] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)
    second_signoffs: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    files_to_come: int = 0

    def as_json(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"Synced with {self.folder}.",
               f"  sent: {self.sent_changes} change(s) in {len(self.sent_bundles)} bundle(s), "
               f"{self.sent_files} attachment file(s)",
               f"  arrived: {self.received_changes} new change(s) from {self.received_bundles} bundle(s), "
               f"{self.received_files} attachment file(s)"]
        if self.cannot_write:
            out.append(f"  not sent: {self.cannot_write}")
        out += [f"  set aside: {line}" for line in self.set_aside]
        out += [f"  clock: a device's clock is more than a day ahead ({stamp}); its edits still count"
                for stamp in self.clock_ahead]
        if self.files_to_come:
            out.append(f"  {self.files_to_come} attachment file(s) not in the folder yet; they come with a later sync")
        needs = ([f"amendment request {a['id'][:8]}: {describe_amendment(a)}" for a in self.amendments]
                 + [f"possible duplicate learner: {', '.join(d['name'] + ' (' + d['registration_no'] + ')' for d in g)}"
                    for g in self.duplicates]
                 + [f"renumbered: {line}" for line in self.renumbered]
                 + [f"second sign-off flagged: {line}" for line in self.second_signoffs]
                 + [f"waiting: {line}" for line in self.waiting])
        out += [f"  needs you: {line}" for line in needs] if needs else ["  nothing needs you"]
        return out


class SyncService:
    def __init__(self, context: Context, blobs: BlobStore):
        self._context = context
        self._blobs = blobs

    # -- the sync itself --------------------------------------------------------------------------------------
    def sync(self, folder: Path, passphrase: str | None = None, *, plain: bool = False,
             progress: Callable[[str, int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
             part_size: int = PART_SIZE, renumber: bool = True) -> tuple[SyncReport, Changes]:
        """Import every bundle other devices left in `folder`, then write this device's new changes there.
        A bundle that fails its checks is set aside (listed in the report) and tried again next time."""
        progress = progress or (lambda stage, done, total: None)
        cancelled = cancelled or (lambda: False)
        place = self._place(folder)
        report = SyncReport(folder=str(Path(folder)))
        writable = place.writable()
        key = self._key(place, passphrase, plain, writable)
        report.encrypted = key.encrypted
        me = self._context.device_id
        ready = self._read_bundles(place, key, me, report, progress, cancelled)
        if cancelled():
            raise SyncCancelled("sync cancelled; nothing was changed")
        changes = self._apply(ready, report)
        if renumber:
            changes = changes | self._renumber_own(report)
        with self._context.write() as w:
            merge_apply.settle_own(w.db, me)
        self._fetch_files(place, key, report, progress, cancelled)
        if writable:
            self._send(place, key, me, report, part_size, progress)
        else:
            report.cannot_write = f"{place.root} is read-only; imported what was there, sent nothing"
        self._needs_you(report)
        return report, changes

    def _place(self, folder: Path) -> SyncFolder:
        folder = Path(folder)
        if not folder.is_dir():
            raise ServiceError(f"{folder} is not a folder (is the stick plugged in?)")
        place = SyncFolder(folder)
        data_dir = Path(self._context.store.path).resolve().parent
        root = place.root.resolve()
        if data_dir == root or root in data_dir.parents:
            raise ServiceError(f"the records are inside {place.root}; a database is never kept in a sync folder")
        return place

    @staticmethod
    def _key(place: SyncFolder, passphrase: str | None, plain: bool, writable: bool) -> crypto.FolderKey:
        try:
            if place.key_path.exists():
                return crypto.unlock(place.key_path, passphrase)
            if not writable:
                raise ServiceError(f"{place.root} is read-only and holds no sync files yet")
            if passphrase is None and not plain:
                raise ServiceError(f"{PLAIN_WARNING}; give the centre passphrase, or opt in to plain files")
            return crypto.create(place.key_path, passphrase)
        except crypto.FolderKeyError as refused:
            raise ServiceError(str(refused)) from None

    def _read_bundles(self, place, key, me, report, progress, cancelled) -> list[tuple]:
        """(device, number, hash, changes) of every bundle ready to apply, in order per device."""
        known = outbox.vector(self._context.db)
        devices = [d for d in place.devices() if d != me]
        ready = []
        for done, device in enumerate(devices):
            if cancelled():
                break
            progress("reading", done, len(devices))
            entry = known.get(device, {})
            number, previous = entry.get("bundle_no", 0), entry.get("bundle_hash")
            expected_seq = entry.get("last_seq", 0) + 1
            files = place.bundles(device)
            for next_number in sorted(n for n in files if n > number):
                name = f"{device[:12]}/{files[next_number].name}"
                try:
                    if next_number != number + 1:
                        raise SetAside(f"{name}: out of sequence (bundle {number + 1} has not arrived); will retry")
                    data = files[next_number].read_bytes()
                    header, changes = read_bundle(key, data, name, device, next_number)
                    if header.get("previous") != previous or header.get("first_seq") != expected_seq:
                        raise SetAside(f"{name}: does not follow the bundle before it; set aside, will retry")
                except SetAside as problem:
                    report.set_aside.append(str(problem))
                    break
                except OSError as unreadable:
                    report.set_aside.append(f"{name}: cannot be read ({unreadable.strerror}); will retry")
                    break
                number, previous, expected_seq = next_number, file_hash(data), header["last_seq"] + 1
                ready.append((device, number, previous, changes))
        progress("reading", len(devices), len(devices))
        return ready

    def _apply(self, ready: list[tuple], report: SyncReport) -> Changes:
        """One transaction: every ready bundle, the rows they touch rebuilt, versions recorded, or none of it."""
        me = self._context.device_id
        with self._context.write() as w:
            outbox.stamp_pending(w.db, me, self._context.clock())
            everything = [change for _, _, _, changes in ready for change in changes]
            applied = merge_apply.receive(w.db, everything, self._context.clock())
            for device, number, digest, _ in ready:
                outbox.record_vector(w.db, device, bundle_no=number, bundle_hash=digest)
            if applied.new:
                w.changes = w.changes | Changes.of(*SYNC_TABLES)
        report.received_changes = applied.new
        report.received_bundles = len(ready)
        report.clock_ahead = applied.ahead
        return w.changes

    def _renumber_own(self, report: SyncReport) -> Changes:
        """This device's items that show as E12-b get the next free ref of their learner, unless a signed-off
        unit relies on them (the ref was signed for); the other device's item keeps E12."""
        changes = Changes()
        me = self._context.device_id
        for evidence_id, learner_id, shown in sync_records.collided_items(self._context.db, me):
            if signoffs.locked_units_using(self._context.db, evidence_id):
                continue
            with self._context.write() as w:
                ref = next_ref(sync_writes.refs_of(w.db, learner_id))
                sync_writes.renumber_item(w.db, evidence_id, ref, me)
                outbox.stamp_pending(w.db, me, self._context.clock())
                merge_apply.refresh_display_refs(w.db, {learner_id})
                w.audit("renumber", "evidence_item", evidence_id, {"ref": shown}, {"ref": ref}, learner_id=learner_id)
            learner = self._context.learner(learner_id)
            report.renumbered.append(f"{learner.name}: evidence shown as {shown} is now {ref}")
            changes = changes | w.changes
        return changes

    def _fetch_files(self, place, key, report, progress, cancelled) -> None:
        needed = [sha for sha in sync_records.blob_hashes(self._context.db) if not self._blobs.path_of(sha).is_file()]
        for done, sha in enumerate(needed):
            if cancelled():
                break
            progress("attachments", done, len(needed))
            if not place.has_blob(key, sha):
                report.files_to_come += 1
                continue
            try:
                got, _ = self._blobs.put_chunks(place.read_blob(key, sha))
            except SetAside as problem:
                report.set_aside.append(str(problem))
                continue
            if got != sha:
                self._blobs.path_of(got).unlink(missing_ok=True)
                report.set_aside.append(f"attachment {sha[:12]}: its parts do not add up to the file; set aside")
                continue
            report.received_files += 1

    def _send(self, place, key, me, report, part_size, progress) -> None:
        db = self._context.db
        entry = outbox.vector(db).get(me, {})
        exported = entry.get("exported_seq", 0)
        changes = outbox.local_changes(db, me, exported)
        own = place.bundles(me)
        number = max([entry.get("bundle_no", 0), *own])
        previous = file_hash(own[number].read_bytes()) if number in own else entry.get("bundle_hash")
        try:
            for start in range(0, len(changes), BUNDLE_CHANGES):
                progress("sending", start, len(changes))
                part = changes[start:start + BUNDLE_CHANGES]
                number += 1
                data = write_bundle(key, me, number, previous, part)
                place.write_bundle(me, number, data)
                previous = file_hash(data)
                with self._context.store.transaction() as tx:
                    outbox.record_vector(tx, me, exported_seq=part[-1][1], bundle_no=number, bundle_hash=previous)
                report.sent_changes += len(part)
                report.sent_bundles.append(f"{number:08d}.bundle")
            self._send_files(place, key, report, part_size)
        except OSError as failed:
            report.cannot_write = f"could not write to {place.root} ({failed.strerror or failed}); sent the rest next time"

    def _send_files(self, place, key, report, part_size) -> None:
        present = {p.name for p in place.blobs_dir.iterdir()} if place.blobs_dir.is_dir() else set()
        for sha in sync_records.blob_hashes(self._context.db):
            source = self._blobs.path_of(sha)
            if key.name_for(sha) in present or not source.is_file():
                continue
            place.write_blob(key, sha, source.stat().st_size, source, part_size)
            report.sent_files += 1

    def _needs_you(self, report: SyncReport) -> None:
        db = self._context.db
        report.amendments = sync_records.amendments(db)
        for group in sync_records.duplicate_learners(db):
            people = [self._context.learner(learner_id) for learner_id in group]
            report.duplicates.append([{"id": p.id, "name": p.name, "registration_no": p.registration_no}
                                      for p in people])
        report.second_signoffs = [detail for _, detail in sync_records.second_signoffs(db)]
        report.waiting = [f"{table} {row_id[:8]}: {reason}" for table, row_id, reason in sync_records.waiting(db)]

    # -- what needs the user -----------------------------------------------------------------------------------
    def amendments(self, *, open_only: bool = True) -> list[dict]:
        return sync_records.amendments(self._context.db, open_only=open_only)

    def resolve(self, amendment_id: str, accept: bool, reason: str = "") -> Changes:
        """Accept: the unit is reopened (with the reason) and the change applies; the unit must be signed again.
        Dismiss: the signed-off record stands and the change stays in history. Either way the request closes,
        on every device once synced."""
        found = sync_records.amendment(self._context.db, amendment_id)
        if found is None:
            raise ServiceError(f"no amendment request {amendment_id}")
        if found["decision"] is not None:
            raise ServiceError(f"amendment request {amendment_id[:8]} was {found['decision']} already")
        me = self._context.device_id
        with self._context.write() as w:
            affected = set()
            if accept:
                active = signoffs.active_signoff(w.db, found["registration_id"], found["unit_urn"])
                if active is not None:
                    reopening = Reopening(new_id(), active.id, (reason or "amendment request accepted").strip(),
                                          date.today().isoformat(), self._context.actor)
                    signoffs.insert_reopening(w.db, reopening, me)
                    affected.add(("unit_reopen", reopening.id))
            decision_id = sync_writes.decide_amendment(w.db, amendment_id, "applied" if accept else "dismissed",
                                                       self._context.actor, me)
            affected |= {("amendment_decision", decision_id), (found["table_name"], found["row_id"])}
            w.audit("accept amendment" if accept else "dismiss amendment", "amendment_decision", decision_id, None,
                    {"amendment_id": amendment_id}, also=SYNC_TABLES)
            outbox.stamp_pending(w.db, me, self._context.clock())
            merge_apply.rebuild(w.db, affected)
        return w.changes

    def duplicates(self) -> list[list[str]]:
        return sync_records.duplicate_learners(self._context.db)

    def merge_learners(self, keep_id: str, other_id: str) -> Changes:
        """One learner added on two laptops: everything of `other_id` moves to `keep_id`, its contact details
        fill the kept record's gaps, and the other record is soft-deleted (restorable, nothing lost)."""
        if keep_id == other_id:
            raise ServiceError("choose two different learner records to merge")
        keep, other = self._context.learner(keep_id), self._context.learner(other_id)
        me = self._context.device_id
        with self._context.write() as w:
            moved = sync_writes.move_learner_records(w.db, other.id, keep.id, me)
            filled = sync_writes.fill_contact_gaps(w.db, asdict(keep), asdict(other), me)
            records.set_learner_deleted(w.db, other.id, True, me)
            outbox.stamp_pending(w.db, me, self._context.clock())
            merge_apply.refresh_display_refs(w.db, {keep.id, other.id})
            w.audit("merge learner", "learner", keep.id, {"merged": other.id}, {"moved": moved, "filled": filled},
                    learner_id=keep.id, also=SYNC_TABLES)
        return w.changes

    def shown_refs(self, learner_id: str) -> dict[str, str]:
        """Evidence id -> Ref No to show where two laptops issued one ref (E12-b); the rest show as issued."""
        return sync_records.display_refs(self._context.db, learner_id)

    def history(self, table: str, row_id: str) -> list[dict]:
        return sync_records.history(self._context.db, table, row_id)

    def change_passphrase(self, folder: Path, old: str, new: str) -> None:
        """Rewraps the folder key only: no bundle or attachment is rewritten."""
        place = SyncFolder(Path(folder))
        if not new:
            raise ServiceError("the new passphrase is empty")
        try:
            crypto.rewrap(place.key_path, old, new)
        except crypto.FolderKeyError as refused:
            raise ServiceError(str(refused)) from None

    def pending(self) -> int:
        """Changes made here that no sync folder has yet."""
        return outbox.pending_count(self._context.db, self._context.device_id)

