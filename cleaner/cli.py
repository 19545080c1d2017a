"""The ``cleaner`` command: argument parsing only; the work happens in runner/engine/edits.

Exit codes: 0 success (``check``: nothing would change), 1 (``check`` only)
edits would be made, 2 usage, input or rule-pack errors.
"""
from __future__ import annotations

import difflib
import functools
import json
import os
import re
import sys
from pathlib import Path

import click

from .config import CleanerConfig, ConfigError
from .difflog import DocLog, LogError, read_log, sha256
from .edits import LogMismatch, replay, revert
from .engine import Engine
from .readers import compression, infer_format
from .safety import (log_lock, refuse_clean_overwrites, refuse_escape, refuse_same_paths, refuse_undo_log_overwrite,
                     same_file)
from .fileio import (ENCODING_ERRORS, BadLine, InputError, atomic_write, encode, iter_files,
                     iter_jsonl, read_text_file, rewrite_record, write_error)
from .model import Status
from .registry import RulePackError, load_registry, rule_dirs
from .runner import STDIN, LogWriter, Runner, Source, write_jsonl_outputs, write_text_outputs


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
        except BrokenPipeError:  # `cleaner rules | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:  # an I/O failure not anticipated elsewhere: still a message, not a traceback
            fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
        except KeyboardInterrupt:  # Ctrl-C: every output is atomic, so nothing is half-written
            click.echo("cleaner: interrupted; outputs already renamed into place are complete, none is "
                       "half-written (an interrupted --in-place run goes on with --resume)", err=True)
            sys.exit(130)

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
        click.option("--format", "fmt", type=click.Choice(["auto", "text", "jsonl", "parquet"]), default="auto",
                     show_default=True, help="auto: from the file names (*.jsonl, *.ndjson, also .gz/.zst: jsonl; "
                                             "*.parquet: parquet, with pyarrow; anything else: text)."),
        click.option("--text-field", default=None, help="JSONL/Parquet field holding the text [default: text]."),
        click.option("--id-field", default=None, help="JSONL/Parquet field holding the document id."),
        click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict", show_default=True,
                     help="What to do with invalid UTF-8: stop with an error, replace it, or keep the bytes."),
        click.option("--on-error", type=click.Choice(["stop", "skip"]), default="skip", show_default=True,
                     help="On an unreadable file or malformed record: report it (file, line, byte), go on, and "
                          "exit 2 at the end; or, strict, stop before anything is written."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def resolve_format(fmt: str, roots: list[Path], text_field: str | None, id_field: str | None,
                   exclude: list[Path] = ()) -> tuple[str, str]:
    """(format, text field): ``auto`` read from the input names; a field option given for input read as
    text is an error rather than silently ignored."""
    if fmt == "auto":
        fmt = infer_format(roots, exclude)
    if fmt == "text" and (text_field is not None or id_field is not None):
        names = ", ".join(str(r) for r in roots[:3])
        raise click.UsageError(f"--text-field and --id-field name fields of JSONL or Parquet records, but {names} "
                               f"is read as text (its name does not end in .jsonl, .ndjson or .parquet); "
                               f"give --format jsonl to read it as JSONL")
    return fmt, text_field or "text"


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
@click.option("-o", "--output", help="Output file or folder ('-' = stdout). A folder when cleaning a folder or "
                                     "several inputs, or when it exists as a folder or ends with '/'.")
@click.option("--log", "log_path", type=click.Path(path_type=Path), help="Write the JSONL diff log here.")
@click.option("--in-place", is_flag=True, help="Rewrite changed input files (atomically); others are not touched.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes, one input file each (default: all cores). Output is the same for any number.")
@click.option("--resume", is_flag=True, help="Skip input files already finished by an interrupted run.")
@click.option("--engine", "engine_kind", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where files are cleaned: local processes, or Ray actors (pip install 'cleaner[ray]').")
@click.option("--ray-address", default=None, help="With --engine ray: the cluster to join (default: a local one).")
@config_options
@handle_errors
def clean(inputs, output, log_path, in_place, quiet, jobs, resume, engine_kind, ray_address, select, ignore,
          unsafe_fixes, config_path, no_corpus, fmt, text_field, id_field, encoding_errors, on_error):
    """Clean INPUTS (files, folders, or - for stdin) and write clean text plus a diff log."""
    with log_lock(log_path):
        _clean(inputs, output, log_path, in_place, quiet, jobs, resume, engine_kind, ray_address, select, ignore,
               unsafe_fixes, config_path, no_corpus, fmt, text_field, id_field, encoding_errors, on_error)


def _clean(inputs, output, log_path, in_place, quiet, jobs, resume, engine_kind, ray_address, select, ignore,
           unsafe_fixes, config_path, no_corpus, fmt, text_field, id_field, encoding_errors, on_error):
    stdin = "-" in inputs
    if stdin and len(inputs) > 1:
        raise click.UsageError("'-' (stdin) cannot be combined with other inputs")
    if in_place and (output or stdin):
        raise click.UsageError("--in-place rewrites the input files: give no -o/--output and no '-'")
    if not (in_place or output or stdin):
        raise click.UsageError("give -o/--output (a file or folder) or --in-place")
    if in_place and log_path is None and not quiet:
        click.echo("cleaner: warning: --in-place without --log keeps no diff log: the rewritten files cannot be "
                   "reverted by cleaner (add --log FILE to keep one; --quiet silences this)", err=True)
    roots = list(dict.fromkeys(Path(p) for p in inputs))
    for root in roots:
        if root != STDIN and not root.exists():
            raise InputError(f"{root}: no such file or folder")
    to_stdout = output == "-" or (stdin and not output)
    out = None if to_stdout or in_place else Path(output)
    several = len(roots) > 1 or roots[0].is_dir()
    out_is_dir = out is not None and (several or out.is_dir() or output.endswith(("/", os.sep)))
    if to_stdout and several:
        raise click.UsageError("-o - (stdout) takes a single file or stdin")
    if stdin and out_is_dir:
        raise click.UsageError("with '-' (stdin), -o names the output file")
    if out is not None and out_is_dir and out.exists() and not out.is_dir():
        raise InputError(f"{out}: output must be a folder when cleaning a folder or several inputs, "
                         f"and this is a file")
    # an output folder inside an input folder, and the log, are never read as inputs
    exclude = [Path(p) for p in (out if out_is_dir else None, log_path) if p is not None]
    fmt, text_field = resolve_format(fmt, roots, text_field, id_field, exclude)
    engine = build_engine(select, ignore, unsafe_fixes, config_path, no_corpus)

    def out_for(path: Path) -> Path:
        if in_place:
            return path
        if not out_is_dir:
            return out
        for root in roots:
            if root.is_dir() and path.is_relative_to(root):
                return out / path.relative_to(root)
        return out / path.name

    if in_place and encoding_errors == "replace":
        raise click.UsageError("--in-place with --encoding-errors replace would destroy the undecodable bytes "
                               "of the inputs; use --encoding-errors surrogateescape (kept byte for byte)")
    if not stdin:  # one walk of the inputs for every check made before the work
        files = input_files(roots, [out] if out_is_dir else [])  # the log stays: a log over an input is refused
        refuse_clean_overwrites(roots, files, None if to_stdout else out_for, out, out_is_dir, log_path, in_place)
        if in_place and log_path is not None and not resume:
            refuse_undo_log_overwrite(log_path)
        if out is not None:
            log = os.path.abspath(log_path) if log_path is not None else None
            check_targets([p for p in files if os.path.abspath(p) != log], out_for)
    if log_path is not None:  # the log's folder too (its run state lives beside it)
        try:
            if log_path.is_dir():
                raise IsADirectoryError(21, f"{log_path} is a folder; --log names the log file")
            log_path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(log_path.parent, os.W_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as exc:
            raise write_error(log_path, exc, "cannot write the diff log here") from None
    if out is not None:  # fail now, not after the work, if the output cannot be written
        folder = out if out_is_dir else out.parent
        try:
            if folder.exists() and not folder.is_dir():
                raise NotADirectoryError(20, f"{folder} is a file, not a folder")
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(folder, exc, "cannot create output folder") from None
    if not (to_stdout or stdin):  # files out: sharded, streaming, parallel, resumable (cleaner/parallel.py)
        from .parallel import Options, clean_files

        report = clean_files(engine, roots, out_for, options=Options(fmt, text_field, id_field, encoding_errors,
                                                                     on_error, only_changed=in_place),
                             exclude=exclude, log_path=log_path, output_dir=out if out_is_dir else None,
                             output_file=None if out_is_dir else out, jobs=jobs, resume=resume,
                             executor=engine_kind, ray_address=ray_address, quiet=quiet,
                             echo=lambda m: click.echo(m, err=True))
        for w in report.stats.warnings:
            click.echo(f"warning: {w}", err=True)
        if not quiet:
            click.echo(report.summary(), err=True)
        if report.stats.errors:
            sys.exit(2)
        return
    if fmt == "parquet":
        raise click.UsageError("--format parquet reads and writes files: give an input file or folder and -o")
    written: dict[Path, Path] = {}

    def write(source: Source, data: bytes) -> None:
        if to_stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        target = out_for(source.path)
        if written.setdefault(target, source.path) != source.path:
            raise InputError(f"{written[target]} and {source.path} would both be written to {target}")
        atomic_write(target, data)

    runner = Runner(engine, fmt=fmt, text_field=text_field, id_field=id_field, encoding_errors=encoding_errors,
                    on_error=on_error, warn=lambda m: click.echo(m, err=True), exclude=exclude)
    log = LogWriter(log_path)
    try:
        pairs = runner.clean(roots)
        writer = write_jsonl_outputs if fmt == "jsonl" else write_text_outputs
        writer(pairs, write, log, encoding_errors, only_changed=in_place)
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


def input_files(roots: list[Path], exclude: list[Path]) -> list[Path]:
    """Every input file, less those inside an excluded path (an output folder or the log inside an input)."""
    skip = [os.path.abspath(p) for p in exclude]

    def excluded(path: Path) -> bool:
        here = os.path.abspath(path)
        return any(here == e or here.startswith(e.rstrip(os.sep) + os.sep) for e in skip)

    return [path for root in roots for path in iter_files(root) if not (root.is_dir() and excluded(path))]


def check_targets(files: list[Path], out_for) -> None:
    """Before any work: no two inputs may map to one output (an output over an input: cleaner/safety.py)."""
    seen: dict[Path, Path] = {}
    for path in files:
        target = out_for(path)
        if seen.setdefault(target, path) != path:
            raise InputError(f"{seen[target]} and {path} would both be written to {target}")


def _echo(text: str, err: bool = False) -> None:
    """Print text that may hold undecodable bytes (kept by surrogateescape) without crashing."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "backslashreplace")
    click.echo(data, err=err, nl=False)


def _diff_lines(text: str) -> list[str]:
    """Lines split at '\\n' only (CR, U+2028 etc. stay inside lines, as in the file)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(before: str, after: str, label: str) -> str:
    """A unified diff that marks a missing final newline the way diff(1) and git do."""
    out = []
    for line in difflib.unified_diff(_diff_lines(before), _diff_lines(after), f"a/{label}", f"b/{label}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff instead of one line per edit.")
@click.option("--show-suggestions", is_flag=True, help="Also list suggestions (they never fail the check).")
@config_options
@handle_errors
def check(paths, diff, show_suggestions, select, ignore, unsafe_fixes, config_path, no_corpus, fmt, text_field,
          id_field, encoding_errors, on_error):
    """Change nothing; exit 1 if cleaning PATHS would change them (the pre-commit entry point).

    Prints one `path:line:col CODE message` line per edit that would be made (or a unified diff
    with --diff). Exit 0: nothing would change; 1: edits would be made; 2: usage or input error.
    """
    paths = list(dict.fromkeys(paths))
    if STDIN in paths and len(paths) > 1:
        raise click.UsageError("'-' (stdin) cannot be combined with other paths")
    for p in paths:
        if p != STDIN and not p.exists():
            raise InputError(f"{p}: no such file or folder")
    fmt, text_field = resolve_format(fmt, paths, text_field, id_field)
    engine = build_engine(select, ignore, unsafe_fixes, config_path, no_corpus)
    runner = Runner(engine, fmt=fmt, text_field=text_field, id_field=id_field, encoding_errors=encoding_errors,
                    on_error=on_error, warn=lambda m: click.echo(m, err=True))
    would_change = False
    from .report.terminal import print_diff, terminal_console

    console = terminal_console() if diff else None  # colour only on a terminal; plain diff otherwise
    for source, result in runner.clean(paths):
        if result is None:
            continue
        label = source.label or source.doc_id
        if result.changed:
            would_change = True
            if diff and console is not None:
                print_diff(unified_diff(result.original, result.text, label), console)
            elif diff:
                _echo(unified_diff(result.original, result.text, label))
        if not diff:
            for c in result.changes:
                if c.status is Status.APPLIED or show_suggestions:
                    tag = "" if c.status is Status.APPLIED else f" [{c.status.value}]"
                    message = c.message.replace("\r", "\\r").replace("\n", "\\n")
                    _echo(f"{label}:{c.line}:{c.col} {c.rule} {message}{tag}\n")
    if runner.stats.errors:
        sys.exit(2)
    sys.exit(1 if would_change else 0)


# -- revert / apply ------------------------------------------------------------------------------

def _path_matches(path: Path, doc_id: str) -> bool:
    """Whether ``doc_id`` (a relative path in the log) names ``path``: equal, or a suffix at a '/'."""
    p = path.as_posix()
    return p == doc_id or p.endswith("/" + doc_id)


def _doc_log(logs: dict[str, DocLog], path: Path, doc: str | None, text: str | None = None,
             hash_key: str = "clean_sha256") -> DocLog:
    """The log entry of one file: --doc, else its relative path, else the one whose hash matches."""
    if doc:
        if doc not in logs:
            raise LogError(f"document {doc!r} is not in the log")
        return logs[doc]
    by_path = sorted((d for d in logs if _path_matches(path, d)), key=len, reverse=True)
    by_hash = [d for d, e in logs.items() if text is not None and e.header.get(hash_key) == sha256(text)]
    if by_path and (by_path[0] in by_hash or not by_hash):
        return logs[by_path[0]]
    if len(by_hash) == 1:
        return logs[by_hash[0]]
    if by_path:  # the file's own entry, although its content changed: the hash check will say so
        return logs[by_path[0]]
    if len(logs) == 1:
        return next(iter(logs.values()))
    raise LogError(f"{path}: the log has {len(logs)} documents and none is this file; say which one with --doc")


def _check_hash(header: dict, key: str, text: str, what: str) -> None:
    if header.get(key) and header[key] != sha256(text):
        raise LogMismatch(f"the {what} does not match the log's {key}; the file or log was changed")


def _revert_one(text: str, entry: DocLog, what: str) -> str:
    _check_hash(entry.header, "clean_sha256", text, f"clean text of {what}")
    try:
        original = revert(text, entry.changes)
    except LogMismatch as exc:
        raise LogMismatch(f"{what}: {exc}") from None
    _check_hash(entry.header, "original_sha256", original, f"reverted text of {what}")
    return original


def _apply_one(text: str, entry: DocLog, what: str, rules: tuple[str, ...], edits: set[str]) -> tuple[str, int]:
    _check_hash(entry.header, "original_sha256", text, f"original of {what}")
    chosen = [c for c in entry.applied if c.id not in edits and not any(c.rule.startswith(r) for r in rules)]
    try:
        result = replay(text, chosen)
    except LogMismatch as exc:
        raise LogMismatch(f"{what}: {exc}") from None
    if len(chosen) == len(entry.applied):
        _check_hash(entry.header, "clean_sha256", result, f"re-applied text of {what}")
    return result, len(chosen)


def _jsonl_prefix(logs: dict[str, DocLog], path: Path, doc: str | None) -> str:
    """The file part of the log's record ids (``corpus.jsonl#12``) that belongs to ``path``."""
    if doc:
        return doc
    prefixes = sorted({d.rsplit("#", 1)[0] for d in logs if "#" in d})
    matching = sorted((p for p in prefixes if _path_matches(path, p)), key=len, reverse=True)
    if matching:
        return matching[0]
    if len(prefixes) == 1:
        return prefixes[0]
    return path.name


def _map_jsonl(path: Path, logs: dict[str, DocLog], doc: str | None, text_field: str, id_field: str | None,
               errors: str, fn) -> bytes:
    """Rewrite the text field of each record of a JSONL file with ``fn(text, entry, what)``."""
    prefix = _jsonl_prefix(logs, path, doc)
    chunks = []
    for item in iter_jsonl(path, text_field, id_field, errors, on_error="skip"):
        if isinstance(item, BadLine):
            chunks.append(item.raw)
            continue
        doc_id = item.doc_id or f"{prefix}#{item.line}"
        if doc_id not in logs:
            raise LogError(f"{path}:{item.line}: record {doc_id!r} is not in the log")
        new = fn(item.text, logs[doc_id], f"{path}:{item.line}")
        if new == item.text:
            chunks.append(item.raw)
        else:
            chunks.append(rewrite_record(item.raw, item.fields, text_field, new, errors))
    return b"".join(chunks)


def _map_records(path: Path, logs: dict[str, DocLog], doc: str | None, fmt: str, text_field: str,
                 id_field: str | None, errors: str, fn) -> bytes:
    """:func:`_map_jsonl` for every other record format ``clean`` writes (``.jsonl.gz``, ``.jsonl.zst``,
    Parquet): read and written by the very classes ``clean`` uses, so the bytes come back as they went."""
    import tempfile
    from types import SimpleNamespace

    from .readers import ShardReader, ShardWriter
    from .runner import Runner

    prefix = _jsonl_prefix(logs, path, doc)
    runner = Runner(None, fmt=fmt, text_field=text_field, id_field=id_field, encoding_errors=errors,
                    on_error="skip", warn=lambda m: None)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / path.name  # the same suffix: the same compression
        writer = ShardWriter(fmt, target, input_path=path, text_field=text_field, errors=errors)
        try:
            for source in ShardReader(runner, path, prefix):
                if source.passthrough:
                    writer.add(source, None)
                    continue
                if source.doc_id not in logs:
                    raise LogError(f"{source.label}: record {source.doc_id!r} is not in the log")
                new = fn(source.text, logs[source.doc_id], source.label)
                writer.add(source, SimpleNamespace(changed=new != source.text, text=new))
            writer.commit()
        except BaseException:
            writer.abort()
            raise
        return target.read_bytes()


def _folder_jobs(folder: Path, logs: dict[str, DocLog], output: Path) -> list[tuple[Path, Path, DocLog]]:
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: must be a folder when the input is a folder")
    jobs, missing = [], []
    for doc_id, entry in logs.items():
        if Path(doc_id).is_absolute() or ".." in Path(doc_id).parts:
            raise LogError(f"{doc_id!r}: a document id in the log is not a relative path inside the folder")
        src = folder / doc_id
        (jobs.append((src, output / doc_id, entry)) if src.is_file() else missing.append(doc_id))
    if missing:
        raise InputError(f"{folder}: no file for {len(missing)} logged document(s): {', '.join(missing[:5])}"
                         + (" ..." if len(missing) > 5 else ""))
    return jobs


def _run_mapping(source: Path, log_path: Path, output: Path, doc, fmt, text_field, id_field, encoding_errors,
                 hash_key: str, fn) -> int:
    """revert/apply over a file, a JSONL corpus or a folder; everything is computed before anything is written."""
    if fmt == "auto" and source.is_dir():
        fmt = "text"  # a folder is mapped file by file, as text
    fmt, text_field = resolve_format(fmt, [source], text_field, id_field)
    logs = read_log(log_path)
    outputs: list[tuple[Path, bytes]] = []
    reads: list[Path] = [log_path, source]
    if source.is_dir():
        if doc:
            raise click.UsageError("--doc names one document; it cannot be used with a folder")
        if fmt == "jsonl":
            raise click.UsageError("--format jsonl takes a JSONL file, not a folder")
        for src, dst, entry in _folder_jobs(source, logs, output):
            reads.append(src)
            text = _read(src, encoding_errors)
            outputs.append((dst, encode(fn(text, entry, str(src)), encoding_errors)))
    elif fmt == "jsonl":
        outputs.append((output, _map_jsonl(source, logs, doc, text_field, id_field, encoding_errors, fn)
                        if compression(source) is None else
                        _map_records(source, logs, doc, fmt, text_field, id_field, encoding_errors, fn)))
    elif fmt == "parquet":
        outputs.append((output, _map_records(source, logs, doc, fmt, text_field, id_field, encoding_errors, fn)))
    else:
        text = _read(source, encoding_errors)
        entry = _doc_log(logs, source, doc, text, hash_key)
        outputs.append((output, encode(fn(text, entry, str(source)), encoding_errors)))
    for dst, _ in outputs:  # the original, the clean text and the log are never overwritten
        if source.is_dir():
            refuse_escape(dst, output)
        for src in reads:
            if (src.is_file() or dst.exists()) and same_file(dst, src):
                raise InputError(f"{dst}: writing here would overwrite {src}, which this command reads; "
                                 f"give another -o")
    for dst, data in outputs:
        atomic_write(dst, data)
    return len(outputs)


def _read(path: Path, errors: str) -> str:
    text = read_text_file(path, errors)
    if text is None:
        raise InputError(f"{path}: binary file, not a cleaned text")
    return text


def mapping_options(func):
    opts = [
        click.option("--log", "log_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="The JSONL diff log written by `cleaner clean --log`."),
        click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
                     help="Output file (a folder when the input is a folder)."),
        click.option("--doc", help="Document id in the log (default: found by path, then by content hash)."),
        click.option("--format", "fmt", type=click.Choice(["auto", "text", "jsonl", "parquet"]), default="auto",
                     show_default=True, help="As given to clean (auto: from the file names)."),
        click.option("--text-field", default=None, help="JSONL/Parquet field holding the text [default: text]."),
        click.option("--id-field", default=None, help="JSONL/Parquet field holding the document id."),
        click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict", show_default=True),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


@main.command("revert")
@click.argument("clean_file", type=click.Path(exists=True, path_type=Path))
@mapping_options
@handle_errors
def revert_cmd(clean_file, log_path, output, doc, fmt, text_field, id_field, encoding_errors):
    """Rebuild the original of CLEAN_FILE (a file, a JSONL corpus or a folder) exactly, from the diff log."""
    _run_mapping(clean_file, log_path, output, doc, fmt, text_field, id_field, encoding_errors, "clean_sha256",
                 _revert_one)


EDIT_ID = re.compile(r"e\d+")


def resolve_edit_ids(values: tuple[str, ...], logs: dict[str, DocLog], doc: str | None,
                     original: Path | None = None) -> frozenset[tuple[str, str]]:
    """``--exclude-edit`` values as (document id, edit id) pairs. Edit ids are numbered per document,
    so a bare ``e7`` must name one edit: it is an error when several documents of the log have an
    ``e7`` (write ``DOC:e7``, or give ``--doc``), and when none has it. With ORIGINAL a single file,
    the documents of that file come first."""
    out: set[tuple[str, str]] = set()
    for value in split_codes(values) or ():
        doc_id, _, edit = value.rpartition(":") if ":" in value else (doc or "", "", value)
        if not EDIT_ID.fullmatch(edit):
            raise click.UsageError(f"--exclude-edit {value}: an edit id looks like e3 (or DOC:e3)")
        if doc_id:
            entry = logs.get(doc_id)
            if entry is None or all(c.id != edit for c in entry.applied):
                raise click.UsageError(f"--exclude-edit {value}: the log has no applied edit {edit} in {doc_id!r}")
            out.add((doc_id, edit))
            continue
        owners = [d for d, entry in logs.items() if any(c.id == edit for c in entry.applied)]
        if original is not None and original.is_file():
            owners = [d for d in owners if _path_matches(original, d)] or owners
        if not owners:
            raise click.UsageError(f"--exclude-edit {value}: no applied edit {edit} in the log")
        if len(owners) > 1:
            shown = ", ".join(owners[:3]) + (f" and {len(owners) - 3} more" if len(owners) > 3 else "")
            raise click.UsageError(f"--exclude-edit {value}: edit ids are numbered per document, and {len(owners)} "
                                   f"documents have an {edit} ({shown}); write DOC:{edit}, e.g. "
                                   f"{owners[0]}:{edit}, or give --doc")
        out.add((owners[0], edit))
    return frozenset(out)


@main.command("apply")
@click.argument("original", type=click.Path(exists=True, path_type=Path))
@mapping_options
@click.option("--exclude-rule", multiple=True, help="Leave out edits of these rule codes or prefixes.")
@click.option("--exclude-edit", multiple=True, help="Leave out these edits: e3 when one document of the log has "
              "an e3, else DOC:e3 (ids are numbered per document).")
@click.option("--decisions", "decisions_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Review decisions (exported by `cleaner report`): apply exactly the accepted edits, "
                   "suggestions included.")
@click.option("--log-out", type=click.Path(path_type=Path), help="Write a diff log of what was applied here.")
@handle_errors
def apply_cmd(original, log_path, output, doc, fmt, text_field, id_field, encoding_errors, exclude_rule,
              exclude_edit, decisions_path, log_out):
    """Re-apply the logged edits to ORIGINAL (a file, a JSONL corpus or a folder), optionally leaving some out."""
    refuse_same_paths({"--log-out": log_out, "-o": output},
                      {"ORIGINAL": original, "--log": log_path, "--decisions": decisions_path})
    excluded = resolve_edit_ids(exclude_edit, read_log(log_path), doc, original) if exclude_edit else frozenset()
    if decisions_path or log_out:
        from .report.decisions import apply_with_decisions

        apply_with_decisions(original, log_path, output, decisions_path, log_out, split_codes(exclude_rule) or (),
                             excluded, lambda fn: _run_mapping(
                                 original, log_path, output, doc, fmt, text_field, id_field, encoding_errors,
                                 "original_sha256", fn))
        return
    rules = split_codes(exclude_rule) or ()
    counts = [0, 0]
    seen: set[tuple[str, str]] = set()

    def fn(text: str, entry: DocLog, what: str) -> str:
        edits = {e for d, e in excluded if d == entry.doc_id}
        seen.update((entry.doc_id, e) for e in edits)
        result, n = _apply_one(text, entry, what, rules, edits)
        counts[0] += n
        counts[1] += len(entry.applied)
        return result

    _run_mapping(original, log_path, output, doc, fmt, text_field, id_field, encoding_errors, "original_sha256", fn)
    unused = sorted(f"{d}:{e}" for d, e in excluded - seen)
    if unused:
        click.echo(f"cleaner: warning: --exclude-edit {', '.join(unused)}: that document was not in ORIGINAL",
                   err=True)
    click.echo(f"cleaner: applied {counts[0]} of {counts[1]} logged edits", err=True)


MESSAGE_WIDTH = 70  # characters of a rule's message in the `cleaner rules` table


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to ``width`` characters, with an ellipsis when cut.

    >>> shorten("a short message", 70)
    'a short message'
    >>> shorten("'{before}' is a false start before a word beginning with the same letter", 60)
    "'{before}' is a false start before a word beginning with…"
    """
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


@main.command("rules")
@click.argument("code", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def rules_cmd(code, as_json):
    """List every rule, or show one rule's documentation and examples (CODE: a code, a name, or a
    family prefix such as SPC to list that family)."""
    registry = load_registry(rule_dirs())
    if code:
        from .docs import render_rule

        rule = registry.rules.get(registry.resolve(code)) or next(
            (r for r in registry.rules.values() if r.name == code), None)
        if rule is not None and not as_json:
            click.echo(render_rule(rule))
            return
        chosen = [rule] if rule is not None else registry.select([code.upper()])  # a family prefix: "SPC"
        if not chosen:
            raise ConfigError(f"no rule or rule family {code!r} (see `cleaner rules` for every code)")
    else:
        chosen = list(registry.rules.values())
    rows = [{"code": r.id, "name": r.name, "kind": r.kind, "category": r.category, "safety": r.safety.value,
             "status": r.status, "requires": list(r.requires), "message": r.message}
            for r in sorted(chosen, key=lambda r: r.id)]
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    name_width = max(len(r["name"]) for r in rows)
    for r in rows:
        gate = f" (requires {', '.join(r['requires'])})" if r["requires"] else ""
        click.echo(f"{r['code']:<7} {r['name']:<{name_width}} {r['kind']:<12} {r['category']:<11} {r['safety']:<10} "
                   f"{r['status']:<8} {shorten(r['message'], MESSAGE_WIDTH)}{gate}")


@main.command("stats")
@click.argument("log_path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help="A table, JSON, or a Markdown section for a dataset card.")
@handle_errors
def stats_cmd(log_path, fmt):
    """Summarise a diff log: edits by status, family and rule."""
    from .report.stats import render as render_stats

    text = render_stats(log_path, read_log(log_path), fmt)
    if text is not None:
        _echo(text if text.endswith("\n") else text + "\n")


@main.command("report")
@click.argument("log_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", type=click.Path(exists=True, path_type=Path),
              help="The ORIGINAL documents (the folder, file or JSONL given to `cleaner clean`).")
@click.option("--clean", "clean_path", type=click.Path(exists=True, path_type=Path),
              help="Or the cleaned output: originals are rebuilt from it with the log.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--title", help="Title of the report (default: 'Review of LOG').")
@click.option("--max-docs", type=click.IntRange(min=1), help="Embed only the first N documents with edits "
              "(counts and per-rule decisions still cover the whole log).")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "jsonl"]), default="auto", show_default=True)
@click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text.")
@click.option("--id-field", default=None, help="JSONL field holding the document id.")
@click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict", show_default=True)
@handle_errors
def report_cmd(log_path, source, clean_path, output, title, max_docs, fmt, text_field, id_field, encoding_errors):
    """Write one self-contained HTML page to review every edit of LOG_PATH and export accept/reject decisions."""
    from .report.html import write_report

    data = write_report(log_path, output, source, clean_path, fmt=fmt, text_field=text_field, id_field=id_field,
                        encoding_errors=encoding_errors, title=title, max_docs=max_docs)
    click.echo(f"cleaner: wrote {output} ({data['bytes']:,} bytes): {data['with_edits']:,} of "
               f"{data['documents']:,} documents have edits"
               + (f", {data['shown']:,} shown" if data["shown"] < data["with_edits"] else "")
               + (f", {data['unresolved']:,} shown from the log alone" if data["unresolved"] else ""), err=True)


if __name__ == "__main__":
    main()
