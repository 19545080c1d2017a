"""``make bench``: measure the corpus-scale goals (issue 7) and print a JSON summary.

Every figure is reported next to a baseline measured in the same run on the same input, ftfy's
``fix_text`` alone, because absolute speeds on shared machines drift. Goals, from the issue:

* throughput per core, every family on: >= 20 MB/s on clean news text, >= 12 MB/s on damaged text;
  with spelling and segmentation included, >= 4 MB/s;
* lexicon cost flat: 100,000 entries in a substitute rule at least half the speed of 100;
* ``cleaner check`` on one small file, as a pre-commit hook runs it: under 1 s wall time;
* ``--jobs 2`` at 1.6x or more on 2 cores; peak memory <= 300 MiB per worker, independent of corpus size.

Issue 16's bars follow, as ratios to ftfy where they are speeds: clean news >= 1.0x ftfy and damaged
text >= 0.5x, every family on; ``cleaner check`` on one small file <= 0.3 s; peak RSS <= 150 MiB per worker.

The corpus (``--mb`` MB, half clean, half damaged, one document per file) is built in a temporary
folder from ``samples/`` and the licence texts (see ``benchmarks/corpus.py``). Usage::

    python benchmarks/bench.py [--mb 24] [--sample-mb 2] [--save benchmarks/results/NAME.json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import textwrap
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import clean_documents, damaged_documents, write_corpus  # noqa: E402

FTFY_MBPS_IN_ISSUE = 3.0  # the issue's measured ftfy.fix_text speed, to turn MB/s goals into ftfy ratios
SPELLING_PREFIXES = ("TYP", "SPC", "ASR")  # spelling, spacing/segmentation and transcript families


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def mb(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def best_of(fn, repeat: int) -> float:
    """The fastest of ``repeat`` timings (the least disturbed by other processes on a shared machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# -- machine ------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for pkg in ("ftfy", "regex", "pyahocorasick", "symspellpy", "rich", "pyarrow", "zstandard", "ray"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, dirty = None, None
    if os.environ.get("CLEANER_BENCH_COMMIT"):  # run by --from-commit on an exported snapshot
        commit, dirty = os.environ["CLEANER_BENCH_COMMIT"], False
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gib": mem, "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions, "commit": commit, "worktree_dirty": dirty,
            "loadavg_start": os.getloadavg()}


def families() -> dict:
    from cleaner.registry import load_registry, rule_dirs

    reg = load_registry(rule_dirs())
    out: dict[str, int] = {}
    for rule in reg.rules.values():
        prefix = rule.id.rstrip("0123456789")
        out[prefix] = out.get(prefix, 0) + 1
    return dict(sorted(out.items()))


# -- 1. throughput per core -------------------------------------------------------------------------

def throughput(docs: list[str], config, repeat: int) -> dict:
    """Engine MB/s on one core (corpus knowledge learned first, timed apart) and ftfy.fix_text on the same docs."""
    import ftfy

    from cleaner.corpus import learn
    from cleaner.engine import Engine

    engine = Engine(config)
    ids = [f"d{n}" for n in range(len(docs))]
    t = time.perf_counter()
    knowledge = learn(zip(ids, docs)) if config.corpus_knowledge else None
    learn_s = time.perf_counter() - t
    engine.clean_one(docs[0], ids[0], knowledge)  # warm-up: lazy dictionaries, caches
    size = mb(docs)
    changed = []

    def run():
        changed[:] = [engine.clean_one(d, i, knowledge).changed for d, i in zip(docs, ids)]

    secs = best_of(run, repeat)
    fsecs = best_of(lambda: [ftfy.fix_text(d) for d in docs], repeat)
    return {"mb": round(size, 2), "documents": len(docs), "changed": sum(changed),
            "mb_per_s": round(size / secs, 3), "ftfy_mb_per_s": round(size / fsecs, 3),
            "ratio_vs_ftfy": round(fsecs / secs, 3), "learn_mb_per_s": round(size / learn_s, 1) if learn_s else None}


def goal_row(name: str, value: float, goal: float, ratio: float, unit: str = "MB/s", higher: bool = True,
             goal_ratio: float | None = None, why: str = "") -> dict:
    met = value >= goal if higher else value <= goal
    row = {"goal": name, "value": value, "target": goal, "unit": unit, "met": met,
           "by": round(value / goal, 3) if higher else round(goal / value, 3) if value else None,
           "ratio_vs_ftfy": ratio}
    if goal_ratio is not None:  # the goal restated against ftfy, so it survives drifting machine speed
        row["target_ratio_vs_ftfy"] = round(goal_ratio, 3)
        row["met_by_ratio"] = ratio >= goal_ratio
    if why:
        row["why"] = why
    return row


def breakdown(clean_docs: list[str], damaged_docs: list[str], fams: dict) -> dict:
    """Where the time goes: each detector alone, the engine with no rules (detectors only), each family alone."""
    from cleaner.config import CleanerConfig
    from cleaner.corpus import learn
    from cleaner.detectors import all_detectors
    from cleaner.engine import Engine
    from cleaner.model import Document

    out: dict = {}
    for name, docs in (("clean", clean_docs), ("damaged", damaged_docs)):
        size = mb(docs)
        ids = [f"d{n}" for n in range(len(docs))]
        knowledge = learn(zip(ids, docs))
        row: dict = {}
        for det in all_detectors():
            secs = best_of(lambda: [det.detect(Document(d, i, corpus=knowledge)) for d, i in zip(docs, ids)], 1)
            row[f"detector:{det.kind}"] = round(size / secs, 2)
        for label, select in [("detectors only (no rules)", ("NO-RULES",)), *((f"{p} alone", (p,)) for p in fams)]:
            engine = Engine(CleanerConfig(select=select))
            engine.clean_one(docs[0], ids[0], knowledge)
            secs = best_of(lambda: [engine.clean_one(d, i, knowledge) for d, i in zip(docs, ids)], 1)
            row[label] = round(size / secs, 2)
        out[name] = row
    return out


# -- 2. lexicon cost ---------------------------------------------------------------------------------

PACK = """\
pack: benchlexicon
prefix: LXB
category: benchmark
description: A substitute rule with a large lexicon, for the lexicon-cost benchmark.
rules:
  - id: LXB001
    name: bench-lexicon-phrase
    kind: substitute
    status: preview
    safety: safe
    lexicon: lexicon.tsv
    message: "'{before}' reads '{after}'"
    what: Benchmark only.
    why: Benchmark only.
    fix_safety: Benchmark only.
    examples:
      - bad: "The [[zzbenchword]] said"
        fix: "The benchword said"
      - good: "Nothing here."
"""


def lexicon_run(docs: list[str], entries: int, repeat: int, workdir: Path) -> dict:
    """A rules folder with one substitute rule of ``entries`` lexicon rows: made-up words and phrases that
    do not occur, plus the same 20 that do, so both sizes make the same edits."""
    from cleaner.config import CleanerConfig
    from cleaner.engine import Engine

    folder = workdir / f"lexicon{entries}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(entries)
    real = ["zzbenchword\tbenchword", "Pyongyang\tPyongyang City", "the Document\tthe document",
            "Licensor\tlicensor", "Wednesday\tWed.", "partnership\tpartnership", "international\tinternational",
            "Program\tprogramme", "Moscow\tMoskva", "treaty\tpact", "copyright\tcopy right",
            "software\tsoftware", "Section\tsection", "modified version\tchanged version", "Kim\tKim",
            "Putin\tPutin", "North Korea\tDPRK", "distribute\tdistribute", "Library\tlibrary", "License\tLicence"]
    rows = ["# from\tto (benchmark lexicon)"] + real
    seen = set()
    while len(rows) - 1 < entries:
        n = rng.randint(1, 3)
        phrase = " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))) for _ in range(n))
        if phrase not in seen:
            seen.add(phrase)
            rows.append(f"{phrase}\t{phrase.upper()}")
    rows = rows[:entries + 1]
    (folder / "lexicon.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "bench.yaml").write_text(PACK, encoding="utf-8")
    config = CleanerConfig(rules_dirs=(str(folder),), select=("LXB",), corpus_knowledge=False)
    t = time.perf_counter()
    engine = Engine(config)
    build = time.perf_counter() - t
    edits = []

    def run():
        edits[:] = [len(engine.clean_one(d, "x").applied) for d in docs]

    secs = best_of(run, repeat)
    # the rule kind alone (no detectors, no edit bookkeeping): the lexicon's own cost
    from cleaner.model import Document

    matcher = next(m for m in engine.matchers if m.name == "substitute")
    texts = [Document(d, "x") for d in docs]
    msecs = best_of(lambda: [list(matcher.propose(doc)) for doc in texts], repeat)
    return {"entries": entries, "build_s": round(build, 3), "mb_per_s": round(mb(docs) / secs, 3),
            "matcher_mb_per_s": round(mb(docs) / msecs, 3), "edits": sum(edits)}


# -- 3. cleaner check wall time ----------------------------------------------------------------------

def wall(cmd: list[str], repeat: int, cwd: Path) -> dict:
    times = []
    rc = None
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - t)
        rc = proc.returncode
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3), "rc": rc}


def check_wall(workdir: Path, repeat: int) -> dict:
    small_clean = ROOT / "samples" / "003_85d9fa60047eef0a.txt"
    small_damaged = workdir / "small_damaged.txt"
    small_damaged.write_text(next(damaged_documents(5000, seed=3, mean_size=5000)), encoding="utf-8")
    cleaner = shutil.which("cleaner")
    base = [cleaner] if cleaner else [sys.executable, "-m", "cleaner"]
    ftfy_cmd = [sys.executable, "-c", "import ftfy, sys; ftfy.fix_text(open(sys.argv[1], encoding='utf-8').read())"]
    out = {}
    for name, path in (("clean_file", small_clean), ("damaged_file", small_damaged)):
        wall(base + ["check", str(path)], 1, workdir)  # warm the file cache
        ours = wall(base + ["check", str(path)], repeat, workdir)
        ftfy_run = wall(ftfy_cmd + [str(path)], repeat, workdir)
        out[name] = {"bytes": path.stat().st_size, "check": ours, "ftfy_fix_text_process": ftfy_run,
                     "ratio_vs_ftfy": round(ftfy_run["median_s"] / ours["median_s"], 3)}
    return out


# -- 4/5. --jobs speedup and memory -----------------------------------------------------------------

RUNNER = textwrap.dedent("""
    import json, resource, sys, time
    from cleaner.cli import main
    t = time.perf_counter()
    try:
        main(sys.argv[1:], standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    secs = time.perf_counter() - t
    # VmHWM, not ru_maxrss: ru_maxrss survives exec, so it would count the (large) benchmark process we forked from
    hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # workers forked from this small process
    print(json.dumps({"rc": code, "seconds": secs, "parent_rss_mib": hwm / 1024,
                      "worker_peak_rss_mib": children / 1024}), file=sys.stderr)
""")

FTFY_POOL = textwrap.dedent("""
    import json, multiprocessing as mp, os, resource, sys, time
    from pathlib import Path
    import ftfy
    def fix(paths):
        src, dst = paths
        Path(dst).write_text(ftfy.fix_text(Path(src).read_text(encoding="utf-8")), encoding="utf-8")
    if __name__ == "__main__":
        jobs, src, dst = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
        pairs = []
        for p in sorted(src.rglob("*.txt")):
            out = dst / p.relative_to(src)
            out.parent.mkdir(parents=True, exist_ok=True)
            pairs.append((str(p), str(out)))
        t = time.perf_counter()
        if jobs == 1:
            for pair in pairs:
                fix(pair)
        else:
            with mp.get_context("fork").Pool(jobs) as pool:
                pool.map(fix, pairs, chunksize=1)
        secs = time.perf_counter() - t
        hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
        print(json.dumps({"seconds": secs, "parent_rss_mib": hwm / 1024,
                          "worker_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}),
              file=sys.stderr)
""")


def run_json(cmd: list[str], cwd: Path) -> dict:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    last = [line for line in proc.stderr.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not last:
        raise RuntimeError(f"{' '.join(cmd[:4])}... failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(last[-1])


def clean_run(corpus: Path, out: Path, jobs: int, workdir: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    log_path = out.with_suffix(".log.jsonl")
    res = run_json([sys.executable, "-c", RUNNER, "clean", str(corpus), "-o", str(out), "--log", str(log_path),
                    "--jobs", str(jobs), "-q"], workdir)
    if res["rc"] not in (0, None):
        raise RuntimeError(f"cleaner clean --jobs {jobs} exited {res['rc']}")
    return res


def ftfy_run(corpus: Path, out: Path, jobs: int, workdir: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    return run_json([sys.executable, "-c", FTFY_POOL, str(jobs), str(corpus), str(out)], workdir)


def same_tree(a: Path, b: Path) -> bool:
    fa = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return fa == fb and all((a / p).read_bytes() == (b / p).read_bytes() for p in fa)


# -- main ----------------------------------------------------------------------------------------------

def markdown_table(summary: dict) -> str:
    """The goals of a saved summary as a Markdown table (``--table FILE``)."""
    rows = ["| goal | measured | target | met | vs ftfy `fix_text` (same input, same run) |", "|---|---|---|---|---|"]
    for g in summary["goals"]:
        if g.get("met") is None:
            rows.append(f"| {g['goal']} | n/a | | | {g.get('why', '')} |")
            continue
        unit = {"MB/s": " MB/s", "s": " s", "x": "x", "MiB": " MiB", "ratio": ""}[g["unit"]]
        verdict = "yes" if g["met"] else f"no ({g['by']:.2f} of target)"
        if g["unit"] == "MB/s":
            vs = f"{g['ratio_vs_ftfy']:.2f}x ftfy's speed (goal restated: {g['target_ratio_vs_ftfy']:.2f}x)"
        elif g["unit"] == "s":
            vs = f"ftfy in a fresh process: {g['ratio_vs_ftfy']:.2f}x our time"
        elif g["unit"] == "x":
            vs = f"{g['ratio_vs_ftfy']:.2f}x the speedup of ftfy in the same pool"
        elif g["unit"] == "MiB":
            vs = f"{g['ratio_vs_ftfy']:.2f}x an ftfy worker's RSS"
        elif g["goal"].startswith("(issue 16)") and "speed" in g["goal"]:
            vs = "the measure is itself the ratio"
        else:
            vs = f"100k-entry speed = {g['ratio_vs_ftfy']:.2f}x ftfy's"
        rows.append(f"| {g['goal']} | {g['value']}{unit} | {g['target']}{unit} | {verdict} | {vs} |")
    return "\n".join(rows)


def from_commit(args, argv: list[str]) -> dict:
    """Export ``args.from_commit`` into the work folder and run that commit's own bench.py on it."""
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    src = workdir / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", args.from_commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", args.from_commit], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    log(f"benchmarking commit {commit} exported to {src}")
    rest, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a == "--from-commit" or a == "--workdir":
            skip = True
        elif not a.startswith(("--from-commit=", "--workdir=")):
            rest.append(a)
    rest = [str(Path(a).resolve()) if prev == "--save" else a for prev, a in zip([""] + rest, rest)]
    env = dict(os.environ, PYTHONPATH=str(src), CLEANER_BENCH_COMMIT=commit)
    proc = subprocess.run([sys.executable, str(src / "benchmarks" / "bench.py"), "--workdir", str(workdir / "run"),
                           *rest], env=env, cwd=src, stdout=subprocess.PIPE, text=True)
    sys.stdout.write(proc.stdout)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    if proc.returncode:
        raise SystemExit(proc.returncode)
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=24.0, help="corpus size in MB (half clean, half damaged)")
    ap.add_argument("--sample-mb", type=float, default=2.0, help="MB of each kind for the per-core measures")
    ap.add_argument("--repeat", type=int, default=3, help="timings per measure (the best is kept)")
    ap.add_argument("--jobs-repeat", type=int, default=2, help="runs of each whole-corpus --jobs measure")
    ap.add_argument("--workdir", type=Path, default=None, help="where to build the corpus (default: a temp folder)")
    ap.add_argument("--save", type=Path, default=None, help="also write the JSON summary here")
    ap.add_argument("--note", default="", help="free text stored with the results (e.g. machine load)")
    ap.add_argument("--from-commit", metavar="REV", default=None,
                    help="benchmark this commit (exported with git archive), not the working tree: results that "
                         "concurrent edits of the working tree cannot change mid-run")
    ap.add_argument("--table", type=Path, default=None, help="print a saved summary's goals as Markdown, and exit")
    args = ap.parse_args(argv)
    if args.table:
        print(markdown_table(json.loads(args.table.read_text(encoding="utf-8"))))
        return {}
    if args.from_commit:
        return from_commit(args, argv if argv is not None else sys.argv[1:])

    from cleaner.config import CleanerConfig

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    summary: dict = {"machine": machine(), "families": families(), "note": args.note,
                     "corpus": {"mb": args.mb, "sample_mb": args.sample_mb}}
    log(f"families: {summary['families']}; workdir {workdir}")

    # corpus
    half = int(args.mb * 1e6 / 2)
    sample = int(args.sample_mb * 1e6)
    corpus = workdir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    t = time.perf_counter()
    n_clean = len(write_corpus(corpus / "clean", clean_documents(half, seed=1)))
    n_damaged = len(write_corpus(corpus / "damaged", damaged_documents(half, seed=2)))
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    summary["corpus"].update(files=n_clean + n_damaged, actual_mb=round(size, 1),
                             build_s=round(time.perf_counter() - t, 1))
    log(f"corpus: {n_clean} clean + {n_damaged} damaged files, {size:.1f} MB")
    clean_docs = list(clean_documents(sample, seed=101))
    damaged_docs = list(damaged_documents(sample, seed=102))

    # 1. throughput per core
    fams = summary["families"]
    spelling = [p for p in SPELLING_PREFIXES if p in fams]
    no_spelling = CleanerConfig(ignore=tuple(spelling)) if spelling else CleanerConfig()
    tp = {}
    for name, docs in (("clean", clean_docs), ("damaged", damaged_docs)):
        log(f"throughput: {name} ({mb(docs):.1f} MB), every family on"
            + (f" except {', '.join(spelling)}" if spelling else ""))
        tp[name] = throughput(docs, no_spelling, args.repeat)
        log(f"  {tp[name]}")
    if spelling:
        log("throughput: damaged, spelling and segmentation included")
        tp["damaged_with_spelling"] = throughput(damaged_docs, CleanerConfig(), args.repeat)
        log(f"  {tp['damaged_with_spelling']}")
    summary["throughput_per_core"] = tp
    summary["breakdown_mb_per_s"] = breakdown(clean_docs, damaged_docs, fams)
    log(f"breakdown (MB/s): {summary['breakdown_mb_per_s']}")

    # 2. lexicon cost
    lex = workdir / "rules"
    small = lexicon_run(clean_docs, 100, args.repeat, lex)
    big = lexicon_run(clean_docs, 100_000, args.repeat, lex)
    summary["lexicon"] = {"100": small, "100000": big,
                          "ratio_100k_to_100": round(big["mb_per_s"] / small["mb_per_s"], 3),
                          "matcher_ratio_100k_to_100": round(big["matcher_mb_per_s"] / small["matcher_mb_per_s"], 3)}
    log(f"lexicon: {summary['lexicon']}")

    # 3. check wall time
    summary["check"] = check_wall(workdir, max(args.repeat, 5))
    log(f"check: {summary['check']}")

    # 4/5. jobs speedup, memory per worker, independence of corpus size
    log(f"cleaner clean --jobs 1 / --jobs 2 over the whole corpus, interleaved, best of {args.jobs_repeat}")
    ones, twos, f1s, f2s = [], [], [], []
    for _ in range(args.jobs_repeat):  # interleaved, so load from other processes hits both alike
        ones.append(clean_run(corpus, workdir / "out1", 1, workdir))
        twos.append(clean_run(corpus, workdir / "out2", 2, workdir))
        f1s.append(ftfy_run(corpus, workdir / "ftfy1", 1, workdir))
        f2s.append(ftfy_run(corpus, workdir / "ftfy2", 2, workdir))
    fastest = lambda runs: min(runs, key=lambda r: r["seconds"])  # noqa: E731
    one, two, f1, f2 = fastest(ones), fastest(twos), fastest(f1s), fastest(f2s)
    identical = same_tree(workdir / "out1", workdir / "out2") and \
        (workdir / "out1.log.jsonl").read_bytes() == (workdir / "out2.log.jsonl").read_bytes()
    quarter = workdir / "quarter"
    if quarter.exists():
        shutil.rmtree(quarter)
    for kind in ("clean", "damaged"):
        files = sorted((corpus / kind).iterdir())
        (quarter / kind).mkdir(parents=True)
        for p in files[: len(files) // 4]:
            shutil.copy(p, quarter / kind / p.name)
    q = clean_run(quarter, workdir / "outq", 2, workdir)
    summary["jobs"] = {
        "jobs1_s": round(one["seconds"], 2), "jobs2_s": round(two["seconds"], 2),
        "speedup": round(one["seconds"] / two["seconds"], 3),
        "mb_per_s_jobs1": round(size / one["seconds"], 3), "mb_per_s_jobs2": round(size / two["seconds"], 3),
        "ftfy_jobs1_s": round(f1["seconds"], 2), "ftfy_jobs2_s": round(f2["seconds"], 2),
        "ftfy_speedup": round(f1["seconds"] / f2["seconds"], 3),
        "output_and_log_identical": identical,
        "all_jobs1_s": [round(r["seconds"], 2) for r in ones], "all_jobs2_s": [round(r["seconds"], 2) for r in twos],
    }
    summary["memory"] = {
        "worker_peak_rss_mib": round(max(r["worker_peak_rss_mib"] for r in twos), 1),
        "worker_peak_rss_mib_quarter_corpus": round(q["worker_peak_rss_mib"], 1),
        "parent_peak_rss_mib": round(two["parent_rss_mib"], 1),
        "single_process_peak_rss_mib": round(one["parent_rss_mib"], 1),
        "ftfy_worker_peak_rss_mib": round(f2["worker_peak_rss_mib"], 1),
    }
    log(f"jobs: {summary['jobs']}")
    log(f"memory: {summary['memory']}")

    # goals
    goals = [
        goal_row("clean news text, MB/s per core, every family on", tp["clean"]["mb_per_s"], 20,
                 tp["clean"]["ratio_vs_ftfy"], goal_ratio=20 / FTFY_MBPS_IN_ISSUE),
        goal_row("damaged text, MB/s per core, every family on", tp["damaged"]["mb_per_s"], 12,
                 tp["damaged"]["ratio_vs_ftfy"], goal_ratio=12 / FTFY_MBPS_IN_ISSUE),
    ]
    if "damaged_with_spelling" in tp:
        goals.append(goal_row("damaged text with spelling and segmentation, MB/s per core",
                              tp["damaged_with_spelling"]["mb_per_s"], 4,
                              tp["damaged_with_spelling"]["ratio_vs_ftfy"], goal_ratio=4 / FTFY_MBPS_IN_ISSUE))
    else:
        goals.append({"goal": "damaged text with spelling and segmentation, MB/s per core", "met": None,
                      "why": "no spelling/segmentation family (TYP/SPC/ASR) in rules/ at this commit"})
    goals.append(goal_row("lexicon cost flat: engine speed with 100,000 entries / with 100",
                          summary["lexicon"]["ratio_100k_to_100"], 0.5,
                          round(big["mb_per_s"] / tp["clean"]["ftfy_mb_per_s"], 3), unit="ratio"))
    goals.append(goal_row("lexicon cost flat: substitute matcher alone, 100,000 entries / 100",
                          summary["lexicon"]["matcher_ratio_100k_to_100"], 0.5,
                          round(big["matcher_mb_per_s"] / tp["clean"]["ftfy_mb_per_s"], 3), unit="ratio"))
    for name in ("clean_file", "damaged_file"):
        c = summary["check"][name]
        goals.append(goal_row(f"cleaner check on one small file ({name.replace('_', ' ')}), wall seconds",
                              c["check"]["median_s"], 1.0, c["ratio_vs_ftfy"], unit="s", higher=False))
    goals.append(goal_row("--jobs 2 speedup on 2 cores", summary["jobs"]["speedup"], 1.6,
                          round(summary["jobs"]["speedup"] / summary["jobs"]["ftfy_speedup"], 3), unit="x"))
    goals.append(goal_row("peak RSS per worker, MiB", summary["memory"]["worker_peak_rss_mib"], 300,
                          round(summary["memory"]["worker_peak_rss_mib"] / summary["memory"]["ftfy_worker_peak_rss_mib"], 3),
                          unit="MiB", higher=False))
    # issue 16's bars, stated against ftfy in the same run (they survive a machine's drifting speed)
    goals += [
        goal_row("(issue 16) clean news, every family on, speed as a ratio to ftfy", tp["clean"]["ratio_vs_ftfy"],
                 1.0, tp["clean"]["ratio_vs_ftfy"], unit="ratio"),
        goal_row("(issue 16) damaged text, every family on, speed as a ratio to ftfy",
                 tp["damaged"]["ratio_vs_ftfy"], 0.5, tp["damaged"]["ratio_vs_ftfy"], unit="ratio"),
        *(goal_row(f"(issue 16) cleaner check on one small file ({name.replace('_', ' ')}), wall seconds",
                   summary["check"][name]["check"]["median_s"], 0.3, summary["check"][name]["ratio_vs_ftfy"],
                   unit="s", higher=False) for name in ("clean_file", "damaged_file")),
        goal_row("(issue 16) peak RSS per worker, MiB", summary["memory"]["worker_peak_rss_mib"], 150,
                 round(summary["memory"]["worker_peak_rss_mib"] / summary["memory"]["ftfy_worker_peak_rss_mib"], 3),
                 unit="MiB", higher=False),
    ]
    summary["goals"] = goals
    summary["machine"]["loadavg_end"] = os.getloadavg()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)

    for g in goals:
        if g.get("met") is None:
            log(f"  n/a   {g['goal']}: {g['why']}")
        else:
            log(f"  {'MET ' if g['met'] else 'MISS'}  {g['goal']}: {g['value']} {g['unit']} (target {g['target']}, "
                f"x{g['by']} of it; vs ftfy {g['ratio_vs_ftfy']})")
    text = json.dumps(summary, indent=1)
    print(text)
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(text + "\n", encoding="utf-8")
    return summary


if __name__ == "__main__":
    main()
