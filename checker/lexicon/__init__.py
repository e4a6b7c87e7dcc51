"""Lexicon data: ranks, titles, organisations, units, aliases, event cues, as YAML files.

The bundled files sit beside this module; users add folders of their own (`--lexicon DIR`).
A file of the same name in a user folder extends the bundled one: lists are appended and
mappings merged, so a user adds an alias without copying the whole table."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from checker.errors import UserError

_BUNDLED = Path(__file__).parent
_extra_dirs: list[Path] = []


def add_lexicon_dir(path: str | Path) -> None:
    folder = Path(path)
    if not folder.is_dir():
        raise UserError(f"{folder}: lexicon folder not found")
    _extra_dirs.append(folder)
    load.cache_clear()


def extra_dirs() -> list[Path]:
    """The user folders added so far, in order (to set up worker processes alike)."""
    return list(_extra_dirs)


@functools.cache
def load(name: str) -> Any:
    """The merged content of `<name>.yaml` from the bundled folder and the user folders."""
    merged: Any = None
    for folder in [_BUNDLED, *_extra_dirs]:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise UserError(f"{path}{line}: {getattr(exc, 'problem', None) or exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: cannot be read ({exc})") from None
        merged = _merge(merged, data)
    return merged


def _merge(base: Any, extra: Any) -> Any:
    if base is None:
        return extra
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(out.get(key), value)
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra
