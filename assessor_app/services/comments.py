"""ASSESSOR COMMENTS AND FEEDBACK use cases: dated rows naming evidence refs, drafted when an observation is logged."""

from __future__ import annotations

from dataclasses import replace

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import Comment, EvidenceItem, check_date, draft_observation_comment
from assessor_app.domain.ids import new_id
from assessor_app.services.context import Context, ServiceError
from assessor_app.store import comments as store


class CommentService:
    def __init__(self, context: Context):
        self._context = context

    def comments(self, learner_id: str) -> list[Comment]:
        """The learner's comment rows in date order, each with the refs of the evidence it names."""
        return store.comments(self._context.db, learner_id)

    def comment(self, comment_id: str) -> Comment:
        found = store.comment(self._context.db, comment_id)
        if found is None:
            raise ServiceError(f"no comment with id {comment_id}")
        return found[0]

    def add(self, learner_id: str, date: str, text: str, evidence_ids: tuple[str, ...] = (),
            draft: bool = False) -> tuple[Comment, Changes]:
        """A comment row (Date | Evidence Ref. No. | Assessor Comments). Inverse: delete."""
        self._context.learner(learner_id)
        comment = Comment(new_id(), learner_id, date, text.strip(), tuple(dict.fromkeys(evidence_ids)), draft=draft)
        self._check(comment)
        with self._context.write() as w:
            store.insert_comment(w.db, comment, self._context.device_id)
            w.audit("create", "comment", comment.id, None, store.comment_row(comment), learner_id=learner_id)
        return self.comment(comment.id), w.changes

    def update(self, comment_id: str, *, date: str | None = None, text: str | None = None,
               evidence_ids: tuple[str, ...] | None = None, draft: bool | None = None) -> tuple[Comment, Changes]:
        """Edit a row; finishing a draft is update(id, text=..., draft=False). Inverse: update with old values."""
        before = self.comment(comment_id)
        after = replace(before, date=before.date if date is None else date,
                        text=before.text if text is None else text.strip(),
                        evidence_ids=before.evidence_ids if evidence_ids is None else tuple(dict.fromkeys(evidence_ids)),
                        draft=before.draft if draft is None else draft)
        self._check(after)
        old, new = store.comment_row(before), store.comment_row(after)
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            return before, Changes()
        with self._context.write() as w:
            store.update_comment(w.db, comment_id, changed, self._context.device_id)
            w.audit("update", "comment", comment_id, {k: old[k] for k in changed}, changed,
                    learner_id=before.learner_id)
        return self.comment(comment_id), w.changes

    def delete(self, comment_id: str) -> Changes:
        """Soft delete. Inverse: restore."""
        return self._set_deleted(comment_id, True)

    def restore(self, comment_id: str) -> Changes:
        return self._set_deleted(comment_id, False)

    def _set_deleted(self, comment_id: str, deleted: bool) -> Changes:
        found = store.comment(self._context.db, comment_id)
        if found is None:
            raise ServiceError(f"no comment with id {comment_id}")
        with self._context.write() as w:
            store.set_comment_deleted(w.db, comment_id, deleted, self._context.device_id)
            w.audit("delete" if deleted else "restore", "comment", comment_id, {"deleted": not deleted},
                    {"deleted": deleted}, learner_id=found[0].learner_id)
        return w.changes

    def _check(self, comment: Comment) -> None:
        problem = check_date(comment.date, "comment date")
        if problem:
            raise ServiceError(problem)
        if comment.evidence_ids:
            marks = ", ".join("?" for _ in comment.evidence_ids)
            owners = dict(self._context.db.execute(f"SELECT id, learner_id FROM evidence_item WHERE id IN ({marks})",
                                             list(comment.evidence_ids)).fetchall())
            strangers = [i for i in comment.evidence_ids if owners.get(i) != comment.learner_id]
            if strangers:
                raise ServiceError(f"evidence {', '.join(strangers)} is not in this learner's register")


def draft_for_observation(writer, item: EvidenceItem) -> None:
    """Within the write that logs an observation: the draft comment row the printed guide asks for."""
    comment = Comment(new_id(), item.learner_id, item.date, draft_observation_comment(item), (item.id,), draft=True)
    store.insert_comment(writer.db, comment, writer.device_id)
    writer.audit("create", "comment", comment.id, None, store.comment_row(comment), learner_id=item.learner_id)
