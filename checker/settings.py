"""Project settings: `claimcheck.yaml` (or `[tool.claimcheck]` in `pyproject.toml`), found by
walking up from the working directory. Validated strictly (a misspelt key is an error naming
the file and the line) and handed to click as its `default_map`, so the precedence is
click's: built-in defaults < the file < command-line flags.

    paths: [articles/]            # what `claimcheck check` reads when no path is given
    rules: [house-rules/]         # extra rule packs
    select: []                    # run only these rule ids
    ignore: [missing-provenance]  # skip these
    severity: {count-mismatch: warning}   # per-rule severity overrides
    fail-on: warning
    format: md
    output: reports/claims.md
    baseline: .claimcheck-baseline.json
    lexicon: [lexicon/]

Relative paths are relative to the file's folder."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from checker.errors import UserError
from checker.models import Severity

YAML_NAMES = ("claimcheck.yaml", "claimcheck.yml")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    paths: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    format: str | None = None
    output: str | None = None
    baseline: str | None = None
    lexicon: list[str] = Field(default_factory=list)

    # Where the settings came from, and the line of each key (dotted: "severity.x").
    origin: str | None = Field(default=None, exclude=True)
    lines: dict[str, int] = Field(default_factory=dict, exclude=True)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str | None) -> str | None:
        from checker.render import RENDERERS

        if value is not None and value not in RENDERERS:
            raise ValueError(f"unknown format (known: {', '.join(sorted(RENDERERS))})")
        return value

    def error(self, message: str, key: str) -> UserError:
        """A UserError at `key` of this settings file."""
        return UserError(f"{key}: {message}", path=self.origin, line=self.lines.get(key))

    def check_rule_ids(self, known: set[str]) -> None:
        """Every rule id the file names must be a rule of the run's packs."""
        for key in ("select", "ignore"):
            for i, rid in enumerate(getattr(self, key)):
                for one in (r.strip() for r in rid.split(",")):
                    if one and one not in known:
                        raise UserError(f"{key}: unknown rule id {one!r} (see `claimcheck "
                                        "rules`)", path=self.origin,
                                        line=self.lines.get(f"{key}.{i}", self.lines.get(key)))
        for rid in self.severity:
            if rid not in known:
                raise self.error(f"unknown rule id {rid!r} (see `claimcheck rules`)",
                                 f"severity.{rid}")

    def default_map(self) -> dict[str, dict[str, Any]]:
        """click's default_map: command -> parameter name -> value."""
        shared: dict[str, Any] = {}
        if self.rules:
            shared["rule_packs"] = self.rules
        if self.select:
            shared["select"] = self.select
        if self.ignore:
            shared["ignore"] = self.ignore
        if self.lexicon:
            shared["lexicon_dirs"] = self.lexicon
        check = dict(shared)
        for name, value in (("paths", self.paths or None), ("fail_on", self.fail_on),
                            ("fmt", self.format), ("output", self.output),
                            ("baseline", self.baseline)):
            if value is not None:
                check[name] = value
        explain = {"rule_packs": self.rules} if self.rules else {}
        extract = {"lexicon_dirs": self.lexicon} if self.lexicon else {}
        return {"check": check, "rules": dict(shared), "explain": explain, "extract": extract}


def find(start: Path) -> Path | None:
    """The nearest claimcheck.yaml, or pyproject.toml with [tool.claimcheck], from `start` up."""
    for folder in [start, *start.parents]:
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.claimcheck\s*[.\]]", text, re.M) is not None


def load(path: Path | None = None, *, cwd: Path | None = None) -> Settings:
    """The settings of `path`, or of the file found from `cwd` up; empty when there is none."""
    cwd = cwd or Path.cwd()
    if path is None:
        path = find(cwd)
        if path is None:
            return Settings()
    elif not path.is_file():
        raise UserError("settings file not found", path=str(path))
    if path.name == "pyproject.toml":
        data, lines = _read_toml(path)
    else:
        data, lines = _read_yaml(path)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "settings"
        msg = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        top = str(first["loc"][0]) if first["loc"] else ""
        line = lines.get(key) or lines.get(top)
        raise UserError(f"{key}: {msg}", path=str(path), line=line) from None
    settings.origin = str(path)
    settings.lines = lines
    _relative_to(settings, path.parent, cwd)
    return settings


def _relative_to(settings: Settings, base: Path, cwd: Path) -> None:
    """Make the file's relative paths relative to the working directory instead."""
    def fix(p: str) -> str:
        if os.path.isabs(p) or base.resolve() == cwd.resolve():
            return p
        return os.path.relpath(base.resolve() / p, cwd.resolve())

    settings.paths = [fix(p) for p in settings.paths]
    settings.rules = [fix(p) for p in settings.rules]
    settings.lexicon = [fix(p) for p in settings.lexicon]
    if settings.output:
        settings.output = fix(settings.output)
    if settings.baseline:
        settings.baseline = fix(settings.baseline)


def _read_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot be read ({exc})", path=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=str(path),
                        line=mark.line + 1 if mark else None) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise UserError("settings must be a mapping of keys", path=str(path), line=1)
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    lines[f"{key.value}.{i}"] = item.start_mark.line + 1
    return data, lines


def _read_toml(path: Path) -> tuple[Any, dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot be read ({exc})", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
        if line is None and "end of document" in str(exc):
            line = max(1, len(text.splitlines()))
        raise UserError(f"invalid TOML: {exc}", path=str(path), line=line) from None
    section = data.get("tool", {}).get("claimcheck", {})
    return section, _toml_lines(text)


_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


def _toml_lines(text: str) -> dict[str, int]:
    """The line of each key under [tool.claimcheck] (and its sub-tables), found by reading
    the file's lines: tomllib keeps no positions."""
    lines: dict[str, int] = {}
    prefix: str | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        table = _TABLE.match(line)
        if table and not line.lstrip().startswith("[["):
            name = re.sub(r"\s*\.\s*", ".", table.group(1)).replace('"', "")
            if name == "tool.claimcheck":
                prefix = ""
            elif name.startswith("tool.claimcheck."):
                prefix = name.removeprefix("tool.claimcheck.") + "."
                lines.setdefault(prefix[:-1], n)
            else:
                prefix = None
            continue
        key = _KEY.match(line)
        if prefix is not None and key:
            name = next(g for g in key.groups() if g)
            lines.setdefault(prefix + name, n)
    return lines
