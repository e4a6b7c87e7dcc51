"""SQLite errors as one line a user can act on."""

from __future__ import annotations

import sqlite3

from checker.errors import UserError


def sqlite_fault(exc: sqlite3.Error, path: str, busy_timeout: float) -> UserError:
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        message = (f"the ledger is locked by another run (waited {busy_timeout:g} s); "
                   "try again when it has finished")
    elif "readonly" in low or "read-only" in low:
        message = "the ledger is read-only (no write permission on the file or its folder)"
    elif "not a database" in low or "malformed" in low:
        message = f"not a claimcheck ledger, or a damaged one ({text})"
    elif "disk is full" in low or "disk i/o" in low:
        message = f"cannot write the ledger ({text})"
    elif "unable to open" in low:
        message = f"cannot open the ledger ({text})"
    else:
        message = f"ledger error: {text}"
    return UserError(message, path=path)
