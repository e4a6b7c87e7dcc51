"""Errors a user can cause and fix. The CLI prints them as one line each, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem in the user's input (a rule file, a config, an option): the message names the
    file, the line and the cause."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)
