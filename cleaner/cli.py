"""The ``cleaner`` command: argument parsing only; the work happens in runner/engine/edits.

Exit codes: 0 success (``check``: nothing would change), 1 (``check`` only)
edits would be made, 2 usage, input or rule-pack errors.
"""
from __future__ import annotations

import difflib
import functools
import json
import sys
from pathlib import Path

import click

from .config import CleanerConfig, ConfigError
from .difflog import LogError, read_log, summarize
from .edits import LogMismatch, replay, revert
from .engine import Engine
from .fileio import ENCODING_ERRORS, InputError, atomic_write, decode, encode, read_text_file
from .model import Status
from .registry import RulePackError, load_registry, rule_dirs
from .runner import LogWriter, Runner, write_jsonl_outputs, write_text_outputs


def fail(message: str) -> None:
    click.echo(f"cleaner: error: {message}", err=True)
    sys.exit(2)


def handle_errors(func):
    """Turn the project's own error types into a clear message and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (InputError, ConfigError, RulePackError, LogError, LogMismatch) as exc:
            fail(str(exc))

    return wrapper


def split_codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return codes or None


def config_options(func):
    """Options shared by commands that run the engine."""
    opts = [
        click.option("--select", multiple=True, help="Rule codes, names or prefixes to run (comma-separated)."),
        click.option("--ignore", multiple=True, help="Rule codes, names or prefixes never to run."),
        click.option("--unsafe-fixes/--no-unsafe-fixes", default=None, help="Also apply unsafe fixes."),
        click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A .cleaner.toml or pyproject.toml to read instead of discovering one."),
        click.option("--no-corpus", is_flag=True, help="Do not learn corpus knowledge before cleaning."),
        click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True),
        click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text."),
        click.option("--id-field", default=None, help="JSONL field holding the document id."),
        click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict", show_default=True,
                     help="What to do with invalid UTF-8: stop with an error, replace it, or keep the bytes."),
        click.option("--on-error", type=click.Choice(["stop", "skip"]), default="stop", show_default=True,
                     help="On an unreadable file or malformed record: stop the run, or report it and go on."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def build_engine(select, ignore, unsafe_fixes, config_path, no_corpus) -> Engine:
    if config_path:
        table = "tool.cleaner" if config_path.name == "pyproject.toml" else None
        config = CleanerConfig.from_file(config_path, table=table)
    else:
        config = CleanerConfig.discover()
    config = config.replace(select=split_codes(select), ignore=split_codes(ignore), unsafe_fixes=unsafe_fixes,
                            corpus_knowledge=False if no_corpus else None)
    engine = Engine(config)
    unknown = engine.registry.unknown_selectors([*config.select, *config.ignore])
    if unknown:
        raise ConfigError(f"unknown rule selector(s): {', '.join(unknown)} (see `cleaner rules`)")
    return engine


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Find damaged text, repair it, and log every change so it can be reviewed and undone."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file or folder ('-' = stdout).")
@click.option("--log", "log_path", type=click.Path(path_type=Path), help="Write the JSONL diff log here.")
@click.option("--in-place", is_flag=True, help="Rewrite changed input files (atomically).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@config_options
@handle_errors
def clean(inputs, output, log_path, in_place, quiet, select, ignore, unsafe_fixes, config_path, no_corpus, fmt,
          text_field, id_field, encoding_errors, on_error):
    """Clean INPUTS (files, folders, or - for stdin) and write clean text plus a diff log."""
    engine = build_engine(select, ignore, unsafe_fixes, config_path, no_corpus)
    if inputs == ("-",):
        return clean_stdin(engine, output, log_path, encoding_errors, quiet)
    if in_place == bool(output):
        raise click.UsageError("give exactly one of -o/--output and --in-place")
    roots = [Path(p) for p in inputs]
    for root in roots:
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
    if output and (len(roots) > 1 or roots[0].is_dir()) and output.exists() and not output.is_dir():
        raise InputError(f"{output}: output must be a folder when cleaning a folder or several inputs")

    def out_for(path: Path) -> Path:
        if in_place:
            return path
        for root in roots:
            if root.is_dir() and path.is_relative_to(root):
                return output / path.relative_to(root)
        return output if len(roots) == 1 and not roots[0].is_dir() else output / path.name

    runner = Runner(engine, fmt=fmt, text_field=text_field, id_field=id_field, encoding_errors=encoding_errors,
                    on_error=on_error, warn=lambda m: click.echo(m, err=True))
    log = LogWriter(log_path)
    try:
        pairs = runner.clean(roots)
        if fmt == "jsonl":
            write_jsonl_outputs(pairs, out_for, log)
        else:
            write_text_outputs(pairs, out_for, log, encoding_errors, only_changed=in_place)
    except BaseException:
        log.abort()
        raise
    log.commit()
    for w in runner.stats.warnings:
        click.echo(f"warning: {w}", err=True)
    if not quiet:
        click.echo(runner.stats.summary(), err=True)
    if runner.stats.errors:
        sys.exit(2)


def clean_stdin(engine: Engine, output, log_path, encoding_errors, quiet) -> None:
    text = decode(sys.stdin.buffer.read(), "<stdin>", encoding_errors)
    result = engine.clean_one(text, "-")
    data = encode(result.text, encoding_errors)
    if output and str(output) != "-":
        atomic_write(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    log = LogWriter(log_path)
    log.write(result)
    log.commit()
    if not quiet:
        click.echo(f"cleaner: {len(result.applied)} edits applied, {len(result.suggested)} suggested", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff instead of one line per edit.")
@click.option("--show-suggestions", is_flag=True, help="Also list suggestions (they never fail the check).")
@config_options
@handle_errors
def check(paths, diff, show_suggestions, select, ignore, unsafe_fixes, config_path, no_corpus, fmt, text_field,
          id_field, encoding_errors, on_error):
    """Change nothing; exit 1 if cleaning PATHS would change them (the pre-commit entry point)."""
    engine = build_engine(select, ignore, unsafe_fixes, config_path, no_corpus)
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
    runner = Runner(engine, fmt=fmt, text_field=text_field, id_field=id_field, encoding_errors=encoding_errors,
                    on_error=on_error, warn=lambda m: click.echo(m, err=True))
    would_change = False
    for source, result in runner.clean(list(paths)):
        label = str(source.path) if fmt == "text" else source.doc_id
        if result.changed:
            would_change = True
            if diff:
                click.echo("".join(difflib.unified_diff(
                    result.original.splitlines(keepends=True), result.text.splitlines(keepends=True),
                    f"a/{label}", f"b/{label}")), nl=False)
        if not diff:
            for c in result.changes:
                if c.status is Status.APPLIED or show_suggestions:
                    tag = "" if c.status is Status.APPLIED else f" [{c.status.value}]"
                    click.echo(f"{label}:{c.line}:{c.col}: {c.rule} {c.message}{tag}")
    if runner.stats.errors:
        sys.exit(2)
    sys.exit(1 if would_change else 0)


def _doc_log(logs, path: Path, doc: str | None):
    if doc:
        if doc not in logs:
            raise LogError(f"document {doc!r} is not in the log")
        return logs[doc]
    for key in (path.name, path.as_posix(), "-"):
        if key in logs:
            return logs[key]
    if len(logs) == 1:
        return next(iter(logs.values()))
    raise LogError(f"the log has {len(logs)} documents; say which one with --doc")


@main.command("revert")
@click.argument("clean_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--log", "log_path", required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path))
@click.option("--doc", help="Document id in the log (default: the file's name, or the only document).")
@click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict")
@handle_errors
def revert_cmd(clean_file, log_path, output, doc, encoding_errors):
    """Rebuild the original of CLEAN_FILE exactly, from the diff log."""
    entry = _doc_log(read_log(log_path), clean_file, doc)
    text = read_text_file(clean_file, encoding_errors) or ""
    original = revert(text, entry.changes)
    _check_hash(entry.header, "original_sha256", original, "reverted text")
    atomic_write(output, encode(original, encoding_errors))


def _check_hash(header: dict, key: str, text: str, what: str) -> None:
    from .difflog import sha256

    if header.get(key) and header[key] != sha256(text):
        raise LogMismatch(f"the {what} does not match the log's {key}; the file or log was changed")


@main.command("apply")
@click.argument("original", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--log", "log_path", required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path))
@click.option("--doc", help="Document id in the log (default: the file's name, or the only document).")
@click.option("--exclude-rule", multiple=True, help="Leave out edits of these rule codes or prefixes.")
@click.option("--exclude-edit", multiple=True, help="Leave out these edit ids (e.g. e3).")
@click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict")
@handle_errors
def apply_cmd(original, log_path, output, doc, exclude_rule, exclude_edit, encoding_errors):
    """Re-apply the logged edits to ORIGINAL, optionally leaving some out."""
    entry = _doc_log(read_log(log_path), original, doc)
    text = read_text_file(original, encoding_errors) or ""
    rules, edits = split_codes(exclude_rule) or (), set(split_codes(exclude_edit) or ())
    chosen = [c for c in entry.applied if c.id not in edits and not any(c.rule.startswith(r) for r in rules)]
    result = replay(text, chosen)
    atomic_write(output, encode(result, encoding_errors))
    click.echo(f"cleaner: applied {len(chosen)} of {len(entry.applied)} logged edits", err=True)


@main.command("rules")
@click.argument("code", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def rules_cmd(code, as_json):
    """List every rule, or show one rule's documentation and examples."""
    registry = load_registry(rule_dirs())
    if code:
        from .docs import render_rule

        rule = registry.rules.get(registry.resolve(code)) or next(
            (r for r in registry.rules.values() if r.name == code), None)
        if rule is None:
            raise ConfigError(f"no rule {code!r} (see `cleaner rules`)")
        click.echo(render_rule(rule))
        return
    rows = [{"code": r.id, "name": r.name, "kind": r.kind, "category": r.category, "safety": r.safety.value,
             "status": r.status, "requires": list(r.requires), "message": r.message}
            for r in sorted(registry.rules.values(), key=lambda r: r.id)]
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    for r in rows:
        gate = f" (requires {', '.join(r['requires'])})" if r["requires"] else ""
        click.echo(f"{r['code']:<7} {r['name']:<32} {r['kind']:<12} {r['category']:<11} {r['safety']:<10} "
                   f"{r['status']:<8} {r['message'][:70]}{gate}")


@main.command("stats")
@click.argument("log_path", type=click.Path(exists=True, path_type=Path))
@handle_errors
def stats_cmd(log_path):
    """Summarise a diff log: edits by status, family and rule (JSON)."""
    click.echo(json.dumps(summarize(read_log(log_path).values()), indent=1))


if __name__ == "__main__":
    main()
