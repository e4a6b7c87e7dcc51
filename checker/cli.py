"""The `claimcheck` command: parse options, call the pipeline, render, set the exit status."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__, lexicon, pipeline
from checker.errors import UserError
from checker.models import Report, Rule
from checker.render import CLAIM_RENDERERS, RENDERERS
from checker.render.text import render as render_text
from checker.rulepack import load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    """Turns a user's mistake into one line on stderr and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(f"claimcheck: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """claimcheck: find where documents disagree with themselves or with each other."""


def _rules_options(f):
    f = click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
                     help="Extra rule pack (YAML file or folder); repeatable.")(f)
    f = click.option("--select", multiple=True, metavar="RULE_ID",
                     help="Run only these rules (repeatable or comma-separated).")(f)
    f = click.option("--ignore", multiple=True, metavar="RULE_ID",
                     help="Skip these rules (repeatable or comma-separated).")(f)
    f = click.option("--lexicon", "lexicon_dirs", multiple=True,
                     type=click.Path(path_type=Path, file_okay=False),
                     help="Folder of lexicon YAML that extends the bundled one; repeatable.")(f)
    return f


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def resolve_rules(rule_packs, select, ignore) -> list[Rule]:
    rules = load_rules(rule_packs)
    known = {r.id for r in rules}
    chosen, dropped = _split(select), _split(ignore)
    for rid in chosen + dropped:
        if rid not in known:
            raise UserError(f"unknown rule id {rid!r} (see `claimcheck rules`)")
    if chosen:
        rules = [r for r in rules if r.id in chosen]
    return [r for r in rules if r.id not in dropped]


def use_colour(stream, environ) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _write(output: Path | None, text: str) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write report ({exc.strerror or exc})", path=str(output)) from None


def _report_errors(report: Report) -> None:
    for err in report.errors:
        click.echo(f"claimcheck: {err}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(CLAIM_RENDERERS)), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lexicon", "lexicon_dirs", multiple=True,
              type=click.Path(path_type=Path, file_okay=False))
def extract(paths, fmt, output, lexicon_dirs) -> None:
    """Print the claims found in PATHS (files or folders)."""
    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)
    report = pipeline.extract(paths)
    _report_errors(report)
    _write(output, CLAIM_RENDERERS[fmt](report))
    if not report.documents:
        sys.exit(EXIT_USAGE)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report here instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary on stderr.")
@_rules_options
def check(paths, fmt, output, fail_on, quiet, rule_packs, select, ignore, lexicon_dirs) -> None:
    """Check PATHS (files or folders) and report inconsistencies."""
    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)
    rules = resolve_rules(rule_packs, select, ignore)
    report = pipeline.check(paths, rules, fail_on=fail_on)
    _report_errors(report)
    if fmt == "text":
        text = render_text(report, colour=output is None and use_colour(sys.stdout, os.environ))
    else:
        text = RENDERERS[fmt](report)
    _write(output, text)
    if output is not None and not quiet:
        click.echo(render_text(Report(summary=report.summary)).strip(), err=True)
    if not report.documents:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if report.failed() else EXIT_OK)


@main.command("rules")
@_rules_options
def rules_cmd(rule_packs, select, ignore, lexicon_dirs) -> None:
    """List every rule: id, check type, severity and description."""
    for rule in resolve_rules(rule_packs, select, ignore):
        first = rule.description.strip().splitlines()[0] if rule.description.strip() else ""
        click.echo(f"{rule.id:28} {rule.check:22} {rule.severity.value:8} {first}")


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path))
def explain(rule_id, rule_packs) -> None:
    """Print a rule's documentation and its examples."""
    rules = {r.id: r for r in load_rules(rule_packs)}
    if rule_id not in rules:
        raise UserError(f"unknown rule id {rule_id!r} (see `claimcheck rules`)")
    rule = rules[rule_id]
    click.echo(f"{rule.id}  ({rule.check}, {rule.severity.value})\n")
    click.echo(rule.description.strip() + "\n")
    click.echo(f"Message: {rule.message}")
    if rule.params:
        click.echo("Parameters: " + ", ".join(f"{k}={v}" for k, v in rule.params.items()))
    for ex in rule.examples:
        label = "Fires" if ex.fires else "Passes"
        extra = f"  (published {ex.published})" if ex.published else ""
        click.echo(f"\n{label}:{extra}\n  {ex.text.strip()}")
