"""The optional local app passcode: stored only as a slow scrypt hash, set, changed, checked and cleared."""

from __future__ import annotations

from assessor_app.domain.changes import Changes
from assessor_app.domain.secrets import hash_secret, verify_secret
from assessor_app.services.context import Context, ServiceError
from assessor_app.store import records
from assessor_app.store.roster_read import PASSCODE_SETTING

SETTING = PASSCODE_SETTING  # the first screen checks it too, before the services load
MIN_LENGTH = 4


class PasscodeService:
    """The passcode guards this installation's window, not the file (sync files have their own passphrase)."""

    def __init__(self, context: Context):
        self._context = context

    def is_set(self) -> bool:
        return records.setting(self._context.db, SETTING) is not None

    def verify(self, passcode: str) -> bool:
        """True when no passcode is set or `passcode` is it."""
        stored = records.setting(self._context.db, SETTING)
        return stored is None or verify_secret(passcode, stored)

    def set(self, new: str, current: str | None = None) -> Changes:
        """Set or change the passcode; changing needs the current one. Only the hash is stored."""
        if self.is_set() and not self.verify(current or ""):
            raise ServiceError("the current passcode is not right")
        if len(new) < MIN_LENGTH:
            raise ServiceError(f"a passcode needs at least {MIN_LENGTH} characters")
        hashed = hash_secret(new)
        with self._context.write() as w:
            records.set_setting(w.db, SETTING, hashed)
            w.audit("update", "app_setting", SETTING, None, {"passcode": "set"})
        return w.changes

    def clear(self, current: str) -> Changes:
        if not self.is_set():
            return Changes()
        if not self.verify(current):
            raise ServiceError("the current passcode is not right")
        with self._context.write() as w:
            records.set_setting(w.db, SETTING, None)
            w.audit("delete", "app_setting", SETTING, {"passcode": "set"}, None)
        return w.changes

    def reset(self) -> Changes:
        """Clear a forgotten passcode without it: for a centre's IT, from the command line. The passcode guards the
        window only (the command line reads the records without it), so this gives nothing away; it is audited."""
        if not self.is_set():
            raise ServiceError("no passcode is set on these records")
        with self._context.write() as w:
            records.set_setting(w.db, SETTING, None)
            w.audit("delete", "app_setting", SETTING, {"passcode": "set"}, {"passcode": "reset without it"})
        return w.changes
