"""Rule packs: YAML files of rules, validated with line-accurate errors.

A pack is a folder of YAML files or one file; a file holds one rule (a mapping) or a list of
rules under `rules:`. `yaml.compose` keeps the position of every node, so a validation error's
location (`params.tolerance`) is reported at the exact line of the key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from checker.checks import CHECKS
from checker.errors import UserError
from checker.load import bracket_depth
from checker.models import Rule


def bundled_rules_dir() -> Path:
    """The default pack: installed inside the package (checker/rules/default), or the repo's
    top-level rules/default when running from a source tree."""
    here = Path(__file__).resolve().parent
    installed = here / "rules" / "default"
    if installed.is_dir():
        return installed
    return here.parent / "rules" / "default"


def load_rules(extra: Iterable[str | Path] = (), *, bundled: bool = True) -> list[Rule]:
    """The bundled pack followed by the packs given; a later rule with an existing id
    replaces it (so a user pack can reconfigure a default rule)."""
    sources: list[Path] = [bundled_rules_dir()] if bundled else []
    sources += [Path(p) for p in extra]
    rules: dict[str, Rule] = {}
    for source in sources:
        for rule in load_pack(source):
            rules[rule.id] = rule
    return list(rules.values())


def load_pack(source: Path) -> list[Rule]:
    if source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.suffix in (".yaml", ".yml"))
    elif source.is_file():
        files = [source]
    else:
        raise UserError("rule pack not found", path=str(source))
    out: list[Rule] = []
    ids: dict[str, str] = {}
    for path in files:
        for rule in load_file(path):
            if rule.id in ids:
                raise UserError(f"duplicate rule id {rule.id!r} (also in {ids[rule.id]})",
                                path=str(path))
            ids[rule.id] = str(path)
            out.append(rule)
    return out


# Limits that keep a hostile rule file from stopping the run (YAML nesting recurses).
_MAX_CHARS = 1_000_000
_MAX_DEPTH = 50


def load_file(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot be read ({exc})", path=str(path)) from None
    if len(text) > _MAX_CHARS:
        raise UserError(f"a rule file is over {_MAX_CHARS // 1_000_000} MB; rules are short",
                        path=str(path), line=1)
    deepest = bracket_depth(text)
    if deepest > _MAX_DEPTH:
        raise UserError(f"nests {deepest} levels deep; at most {_MAX_DEPTH} are read",
                        path=str(path), line=1)
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
            path=str(path), line=mark.line + 1 if mark else None,
        ) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        raise UserError(f"cannot be read as rules ({type(exc).__name__})", path=str(path),
                        line=1) from None
    if data is None:
        return []
    if isinstance(data, dict) and set(data) == {"rules"}:
        entries, base = data["rules"], ["rules"]
        if not isinstance(entries, list):
            raise UserError("`rules` must be a list of rules", path=str(path),
                            line=_line(node, ["rules"]))
    elif isinstance(data, dict):
        entries, base = [data], None
    else:
        raise UserError("a rule file holds a mapping (one rule) or `rules:` (a list)",
                        path=str(path), line=1)
    rules = []
    for i, entry in enumerate(entries):
        loc: list[Any] = [*base, i] if base else []
        rules.append(_validate(entry, path, node, loc))
    return rules


def rule_from_mapping(entry: Any, origin: str = "<rule>") -> Rule:
    """Validate one rule given as data (a config file's override, a test case)."""
    return _validate(entry, Path(origin), None, [])


def _validate(entry: Any, path: Path, node: yaml.Node | None, loc: list[Any]) -> Rule:
    if not isinstance(entry, dict):
        raise UserError("a rule must be a mapping", path=str(path), line=_line(node, loc))
    try:
        rule = Rule.model_validate(entry)
    except ValidationError as exc:
        raise _error(exc, path, node, loc) from None
    check = CHECKS.get(rule.check)
    if check is None:
        known = ", ".join(sorted(CHECKS))
        raise UserError(
            f"rule {rule.id!r}: unknown check type {rule.check!r} (known: {known})",
            path=str(path), line=_line(node, [*loc, "check"]),
        )
    try:
        check.params.model_validate(rule.params)
    except ValidationError as exc:
        raise _error(exc, path, node, [*loc, "params"]) from None
    rule.origin = str(path)
    return rule


def _error(exc: ValidationError, path: Path, node: yaml.Node | None, loc: list[Any]) -> UserError:
    first = exc.errors()[0]
    where = [*loc, *first["loc"]]
    inner = [p for p in loc if p != "rules" and not isinstance(p, int)]
    key = ".".join(str(p) for p in [*inner, *first["loc"]]) or "rule"
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown key"
    return UserError(f"{key}: {msg}", path=str(path), line=_line(node, where))


def _line(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """The 1-based line of the node at `loc` (keys and list indexes), or of its nearest
    existing parent."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
