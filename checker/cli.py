"""The `claimcheck` command: parse options, call the pipeline, render, set the exit status."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__, lexicon, pipeline, settings, suppress
from checker.errors import UserError
from checker.models import Report, Rule
from checker.models.report import first_sentence
from checker.render import CLAIM_RENDERERS, RENDERERS
from checker.render.text import render as render_text
from checker.render.text import summary_line
from checker.rulepack import load_rules
from checker.settings import Settings

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
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file (default: claimcheck.yaml or pyproject.toml's "
                   "[tool.claimcheck], found from the working directory up).")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """claimcheck: find where documents disagree with themselves or with each other."""
    found = settings.load(config_path)
    ctx.obj = found
    # Settings become the options' defaults: a flag on the command line still wins.
    ctx.default_map = found.default_map()


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


def resolve_rules(rule_packs, select, ignore, project: Settings | None = None) -> list[Rule]:
    rules = load_rules(rule_packs)
    known = {r.id for r in rules}
    if project is not None:
        project.check_rule_ids(known)
        rules = [r.model_copy(update={"severity": project.severity[r.id]})
                 if r.id in project.severity else r for r in rules]
    chosen, dropped = _split(select), _split(ignore)
    for rid in chosen + dropped:
        if rid not in known:
            raise UserError(f"unknown rule id {rid!r} (see `claimcheck rules`)")
    if chosen:
        rules = [r for r in rules if r.id in chosen]
    return [r for r in rules if r.id not in dropped]


def use_colour(stream, environ) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not environ.get("NO_COLOR") and is_terminal(stream)


def is_terminal(stream) -> bool:
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


def _jobs_option(f):
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=None,
        help="Worker processes reading documents [default: one per CPU]; the report is the "
             "same for any number.")(f)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(CLAIM_RENDERERS)), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lexicon", "lexicon_dirs", multiple=True,
              type=click.Path(path_type=Path, file_okay=False))
@_jobs_option
def extract(paths, fmt, output, lexicon_dirs, jobs) -> None:
    """Print the claims found in PATHS (files or folders)."""
    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)
    report = pipeline.extract(paths, jobs=jobs)
    _report_errors(report)
    _write(output, CLAIM_RENDERERS[fmt](report))
    if not report.documents:
        sys.exit(EXIT_USAGE)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report here instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="Report and gate only findings not in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="Record today's findings in this file (for later runs' --baseline).")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary on stderr.")
@click.option("--against", "ledger_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also check PATHS against the archive in this ledger (see `index`); "
              "the ledger is only read.")
@_rules_options
@_jobs_option
@click.pass_obj
def check(project, paths, fmt, output, fail_on, baseline, write_baseline, quiet, ledger_path,
          rule_packs, select, ignore, lexicon_dirs, jobs) -> None:
    """Check PATHS (files or folders; default: `paths` in the settings) and report
    inconsistencies."""
    if not paths:
        raise click.UsageError("no PATHS given (on the command line, or `paths:` in "
                               "claimcheck.yaml)")
    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)
    rules = resolve_rules(rule_packs, select, ignore, project)
    known = suppress.load_baseline(baseline) if baseline and not write_baseline else None
    if ledger_path is not None:
        report = _check_against(paths, rules, ledger_path, fail_on)
    else:
        report = pipeline.check(paths, rules, fail_on=fail_on,
                                progress=progress_bar(sys.stderr, quiet), jobs=jobs)
    if write_baseline:
        known = suppress.write_baseline(write_baseline, report.findings)
    if known is not None:
        report = suppress.baseline_report(report, known)
    report.root = os.getcwd()
    _report_errors(report)
    if fmt == "text":
        text = render_text(report, colour=output is None and use_colour(sys.stdout, os.environ))
    else:
        text = RENDERERS[fmt](report)
    _write(output, text)
    if output is not None and not quiet:
        click.echo(summary_line(report), err=True)
    if not report.documents:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if report.failed() else EXIT_OK)


# Fewer documents than this check too fast for a progress bar to help.
PROGRESS_MIN_DOCUMENTS = 20


def progress_bar(stream, quiet: bool) -> pipeline.Progress | None:
    """A progress bar on `stream` for longer runs, when it is a terminal and not --quiet."""
    if quiet or not is_terminal(stream):
        return None

    def wrap(docs):
        if len(docs) < PROGRESS_MIN_DOCUMENTS:
            yield from docs
            return
        with click.progressbar(docs, label="checking", file=stream, show_pos=True,
                               item_show_func=lambda d: d.id if d else None) as bar:
            yield from bar

    return wrap


@main.command("rules")
@_rules_options
@click.pass_obj
def rules_cmd(project, rule_packs, select, ignore, lexicon_dirs) -> None:
    """List every rule: id, check type, severity and what it flags (the first sentence of
    its description; `claimcheck explain RULE` has the rest)."""
    for rule in resolve_rules(rule_packs, select, ignore, project):
        summary = first_sentence(rule.description)
        click.echo(f"{rule.id:28} {rule.check:22} {rule.severity.value:8} {summary}")


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


# -- the ledger: an archive indexed once, drafts checked against it --------------------------


def _check_against(paths, rules, ledger_path: Path, fail_on: str) -> Report:
    from checker.ledger import open_ledger
    from checker.ledger.check import check_against

    with open_ledger(ledger_path, write=False) as ledger:
        return check_against(paths, rules, ledger, fail_on=fail_on)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ledger", "ledger_path", required=True,
              type=click.Path(path_type=Path, dir_okay=False),
              help="The ledger file (SQLite); created if missing.")
@click.option("--prune", is_flag=True,
              help="Remove documents whose files under PATHS are gone.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(min=1),
              help="Documents written per transaction.")
@click.option("--busy-timeout", default=30.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds to wait for another run writing the same ledger.")
@click.option("--jobs", "-j", default=None, type=click.IntRange(min=1),
              help="Processes extracting claims [default: one per CPU]; the ledger is "
                   "written by one.")
@click.option("--lexicon", "lexicon_dirs", multiple=True,
              type=click.Path(path_type=Path, file_okay=False))
def index(paths, ledger_path, prune, batch_size, busy_timeout, jobs, lexicon_dirs) -> None:
    """Extract the claims of PATHS into a ledger; unchanged files are skipped."""
    from checker.ledger import open_ledger
    from checker.ledger.indexer import count_files, index_paths

    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)

    def on_error(err) -> None:
        click.echo(f"claimcheck: {err}", err=True)

    with open_ledger(ledger_path, write=True, busy_timeout=busy_timeout) as ledger:
        if sys.stderr.isatty():
            with click.progressbar(length=count_files(paths), label="indexing",
                                   file=sys.stderr) as bar:
                summary = index_paths(ledger, paths, batch_size=batch_size, prune=prune, jobs=jobs,
                                      on_file=lambda _p: bar.update(1), on_error=on_error)
        else:
            summary = index_paths(ledger, paths, batch_size=batch_size, prune=prune, jobs=jobs,
                                  on_error=on_error)
    click.echo(f"{ledger_path}: {summary.line()}")
    if summary.unreadable and not summary.read:
        sys.exit(EXIT_USAGE)


@main.group("ledger")
def ledger_group() -> None:
    """Inspect a ledger written by `index`."""


@ledger_group.command("stats")
@click.argument("ledger_path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def ledger_stats(ledger_path, fmt) -> None:
    """Documents, claims per kind, sources and date range of a ledger."""
    from checker.ledger import open_ledger

    with open_ledger(ledger_path, write=False) as ledger:
        stats = ledger.stats()
    if fmt == "json":
        click.echo(stats.model_dump_json(indent=2))
        return
    kinds = ", ".join(f"{k} {n}" for k, n in stats.claims_by_kind.items())
    sources = ", ".join(f"{k} {n}" for k, n in stats.sources.items())
    click.echo(f"ledger: {stats.path} (schema version {stats.schema_version})")
    click.echo(f"documents: {stats.documents}")
    click.echo(f"claims: {stats.claims}" + (f" ({kinds})" if kinds else ""))
    click.echo(f"sources: {sources or '—'}")
    click.echo(f"published: {stats.first_published or '—'} … {stats.last_published or '—'}")
    click.echo(f"claims refer to: {stats.first_day or '—'} … {stats.last_day or '—'}")


@ledger_group.command("export")
@click.argument("ledger_path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
def ledger_export(ledger_path, fmt, output) -> None:
    """Every claim of a ledger, one JSON object per line (the extract contract's claims)."""
    from checker.ledger import open_ledger

    with open_ledger(ledger_path, write=False) as ledger:
        lines = (c.model_dump_json() + "\n" for c in ledger.iter_claims())
        if output is None:
            for line in lines:
                click.echo(line, nl=False)
            return
        try:
            with output.open("w", encoding="utf-8") as f:
                f.writelines(lines)
        except OSError as exc:
            raise UserError(f"cannot write ({exc.strerror or exc})", path=str(output)) from None


INDEX_TOKEN_ENV = "CLAIMCHECK_INDEX_TOKEN"


@main.command()
@click.option("--ledger", "ledger_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The archive to check drafts against (made by `claimcheck index`); "
                   "opened read-only. Without it a draft is checked against itself only.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback unless you mean to share it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--max-body", "max_body", type=click.IntRange(1), default=1024 * 1024,
              show_default=True, help="Largest request body in bytes (413 above it).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a check may take before the request gets 503.")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Checks that run at the same time.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow this origin to call the API from a browser; repeatable.")
@click.option("--allow-index", is_flag=True,
              help=f"Enable POST /api/documents, guarded by the token in ${INDEX_TOKEN_ENV}.")
@_rules_options
def serve(ledger_path, host, port, max_body, timeout, workers, cors_origins, allow_index,
          rule_packs, select, ignore, lexicon_dirs) -> None:
    """Serve the HTTP API and the page where editors check a draft."""
    from checker import server

    missing = server.missing_dependency()
    if missing:
        raise UserError(f"serve needs {missing}, which is not installed: "
                        "pip install 'claimcheck[serve]'")
    from checker.server.backend import ledger_backend, pipeline_backend
    from checker.server.run import serve as run_server
    from checker.server.settings import ServerSettings

    token = None
    if allow_index:
        token = os.environ.get(INDEX_TOKEN_ENV, "").strip()
        if ledger_path is None:
            raise UserError("--allow-index needs --ledger (the archive to add documents to)")
        if len(token) < 16:
            raise UserError(f"--allow-index needs a token of at least 16 characters in "
                            f"${INDEX_TOKEN_ENV}")
    for d in lexicon_dirs:
        lexicon.add_lexicon_dir(d)
    rules = resolve_rules(rule_packs, select, ignore)
    if ledger_path is None:
        backend = pipeline_backend(rules)
    else:
        backend = ledger_backend(ledger_path, rules, allow_index=allow_index)
    settings = ServerSettings(max_body_bytes=max_body, check_timeout=timeout, workers=workers,
                              cors_origins=tuple(cors_origins), index_token=token)
    run_server(backend, settings, host, port)
