"""The ``saidwho`` command line: a thin layer over the library."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Console
from rich.progress import Progress

from . import __version__
from .defaults import (
    ANALYZE_QUEUE,
    ANALYZE_TIMEOUT,
    ANALYZERS,
    DOCUMENT_TIME_LIMIT,
    RULES_MIN_CONFIDENCE,
)
from .errors import SaidwhoError
from .io import Failure, iter_documents
from .model import KINDS, SPEAKER_TYPES

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("jsonl", "json", "table", "html")



def _count(n: object, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _fail(message: str) -> NoReturn:
    raise click.ClickException(message)


class _Commands(click.Group):
    """The command group; a reader that goes away (``saidwho export | head``) ends the
    command quietly with exit 0, as other Unix tools do, instead of an error."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # what is still buffered would fail again when Python flushes at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


class _StdoutConsole(Console):
    """Rich's console on standard output; a closed pipe is left to ``_Commands`` (rich
    would exit 1 on its own)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="saidwho")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """saidwho: who said what, on whose word, in news text."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _load(model: str | None, min_confidence: float | None, engine: str = "model",
          weights: str | None = None, lang: str = "en"):  # type: ignore[no-untyped-def]
    from .extract import load_pipeline

    try:
        return load_pipeline(model, min_confidence=min_confidence, engine=engine,
                             weights=weights, lang=lang)
    except SaidwhoError as exc:
        _fail(str(exc))
    except (OSError, ValueError) as exc:
        _fail(f"cannot load the trained weights {weights or '(packaged)'}: {exc}")


def _load_pipeline(model: str | None, engine: str, lang: str = "en",
                   run_lang: str = "en"):  # type: ignore[no-untyped-def]
    """A pipeline for a worker process (picklable: a module-level function; the import
    waits until a pipeline is wanted): ``extract.load_language``."""
    from .extract import load_language

    return load_language(model, engine, lang, run_lang)


def _pipelines(model: str | None, min_confidence: float | None, engine: str,
               weights: str | None, lang: str):  # type: ignore[no-untyped-def]
    """The run's pipelines, one per language, loaded when a document first needs one;
    ``--model`` names the pipeline of the run's language (English's with auto)."""
    from .language import Pipelines

    def load(code: str):  # type: ignore[no-untyped-def]
        named = model if code == (lang if lang != "auto" else "en") else None
        return _load(named, min_confidence, engine, weights, code)

    pipelines = Pipelines(load, lang)
    if lang != "auto":
        pipelines.get(lang)  # a run in one language fails at once when it cannot load
    return pipelines


def lang_option(default: str = "auto"):  # type: ignore[no-untyped-def]
    return click.option(
        "--lang", type=click.Choice(["en", "fr", "auto"]), default=default, show_default=True,
        help="The language of the texts: en, fr, or auto (detected for each document). A "
             "JSON Lines record's own \"lang\" field wins.")


def engine_option(default: str = "model", choices: tuple[str, ...] = ("model", "rules")):  # type: ignore[no-untyped-def]
    return click.option(
        "--engine", type=click.Choice(choices), default=default, show_default=True,
        help="model: the trained tagger (most accurate); rules: the rule engine (fastest).")


def output_format(*choices: str, default: str = "table"):  # type: ignore[no-untyped-def]
    """``--format`` with these choices, and ``--json`` as a short form of ``--format json``
    (what earlier versions offered); the command receives ``fmt``."""
    def decorate(command):  # type: ignore[no-untyped-def]
        @functools.wraps(command)
        def with_format(*args, fmt: str, as_json: bool, **kwargs):  # type: ignore[no-untyped-def]
            return command(*args, fmt="json" if as_json else fmt, **kwargs)

        with_format = click.option("--json", "as_json", is_flag=True,
                                   help="Same as --format json.")(with_format)
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help="How to print the result.")(with_format)
    return decorate


time_limit_option = click.option(
    "--time-limit", type=click.FloatRange(0), default=DOCUMENT_TIME_LIMIT, show_default=True,
    help="Give up on a document (an error, the others go on) once its first chunks show its "
    "extraction would take more seconds than this; 0: no limit. Only texts of several "
    "hundred kB come near it.")
weights_option = click.option(
    "--weights", type=click.Path(file_okay=False, exists=True),
    help="Trained weights written by `saidwho train` (default: the packaged ones).")
MIN_CONFIDENCE_HELP = ("Drop attributions less confident than this (default: the threshold "
                       "stored with the model's weights, 0.35 for the packaged ones; "
                       f"{RULES_MIN_CONFIDENCE} with the rules).")


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--model", help="An installed spaCy pipeline (default: en_core_web_sm).")
@engine_option()
@weights_option
@click.option("--min-confidence", type=float, help=MIN_CONFIDENCE_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here instead of standard output.")
@click.option("--sample", is_flag=True, help="Add the bundled sample articles to the inputs.")
@time_limit_option
@lang_option()
def extract(inputs: tuple[str, ...], fmt: str, model: str | None, engine: str,
            weights: str | None, min_confidence: float | None, output: str | None,
            sample: bool, time_limit: float, lang: str) -> None:
    """Extract attributions from FILEs (text, HTML, JSON Lines, WARC), DIRectories of
    them, or - (standard input), in English or French."""
    from .extract import extract_languages
    from .render import print_table, to_html, to_json, to_jsonl

    paths = list(inputs)
    if sample:
        paths.append(str(resources.files("saidwho") / "samples"))
    if not paths:
        raise click.UsageError("no input: give FILEs, a DIRectory, - for standard input, "
                               "or --sample")
    pipelines = _pipelines(model, min_confidence, engine, weights, lang)
    failures: list[Failure] = []

    def good_inputs():  # type: ignore[no-untyped-def]
        for item in iter_documents(paths):
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"Error: {item}", err=True)
            else:
                yield item.id, item.text, item.lang

    def extracted():  # type: ignore[no-untyped-def]
        for result in extract_languages(pipelines, good_inputs(), time_limit=time_limit):
            if result.error is not None:
                failures.append(Failure(result.id, None, result.error))
                click.echo(f"Error: {failures[-1]}", err=True)
            else:
                yield result

    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        results = extracted()
        if fmt == "jsonl":
            for result in results:
                stream.write(to_jsonl(result) + "\n")
                stream.flush()
        elif fmt == "table":
            console = Console(file=stream) if output else _StdoutConsole()
            for result in results:
                print_table(result, console)
        else:
            collected = list(results)
            stream.write((to_json(collected) if fmt == "json" else to_html(collected)) + "\n")
    finally:
        if output:
            stream.close()
    if failures:
        click.echo(f"{_count(len(failures), 'input')} failed", err=True)
        sys.exit(1)


@main.command(name="eval")
@click.option("--polnear", required=True, type=click.Path(file_okay=False),
              help="The PolNeAR folder holding train/ and dev/.")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)
@click.option("--model", help="An installed spaCy pipeline.")
@engine_option("both", ("both", "model", "rules"))
@weights_option
@click.option("--min-confidence", type=float, help=MIN_CONFIDENCE_HELP)
@click.option("--speakers", "speaker_set", type=click.Path(dir_okay=False),
              help="A hand-resolved speaker set (JSON Lines, see docs/speaker-annotation.md): "
                   "also score the resolved speakers, types and channels.")
@click.option("--memberships", "membership_set", type=click.Path(dir_okay=False),
              help="A hand-made membership set (JSON Lines, as scripts/build_fr_dev.py "
                   "writes it): also score who drafted, signed or joined what.")
@output_format("table", "json")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="The corpus' language (fr: a set in PolNeAR's layout, such as the one "
                   "scripts/build_fr_dev.py writes; the rule engine reads it).")
def evaluate(polnear: str, split: str, model: str | None, engine: str, weights: str | None,
             min_confidence: float | None, speaker_set: str | None, membership_set: str | None,
             fmt: str, lang: str) -> None:
    """Score the extraction against PolNeAR's gold attributions (both engines by default),
    or against a corpus in its layout."""
    from .evaluate.memberships import read_gold_memberships
    from .evaluate.polnear import read_split
    from .evaluate.run import evaluate_polnear
    from .evaluate.scorer import format_calibration, format_side_by_side
    from .evaluate.speakers import format_speaker_scores, read_gold_speakers

    try:
        total = sum(1 for _ in read_split(polnear, split))
        speakers = read_gold_speakers(speaker_set) if speaker_set else None
        members = read_gold_memberships(membership_set) if membership_set else None
    except SaidwhoError as exc:
        _fail(str(exc))
    engines = ["model", "rules"] if engine == "both" else [engine]
    if lang != "en":
        engines = ["rules"]  # the trained engine reads English only
    results = {}
    for name in engines:
        nlp = _load(model, min_confidence, name, weights, lang)
        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task(f"PolNeAR {split}, engine {name}", total=total)
            results[name] = evaluate_polnear(nlp, polnear, split,
                                             progress=partial(progress.advance, task),
                                             speakers=speakers, memberships=members)
    if fmt == "json":
        body = {name: scores.to_dict() for name, scores in results.items()}
        click.echo(json.dumps({"split": split, "engines": body}, indent=2))
    else:
        click.echo(format_side_by_side(results, title=f"PolNeAR {split}"))
        for name, scores in results.items():
            click.echo(f"\nconfidence and precision (content + source), engine {name}:")
            click.echo(format_calibration(scores))
        spoken = {name: s.speakers for name, s in results.items() if s.speakers is not None}
        if spoken:
            click.echo("\nresolved speakers of attributions matched to gold (--speakers):")
            click.echo(format_speaker_scores(spoken))
        for name, scores in results.items():
            if scores.memberships is not None:
                m = scores.memberships
                click.echo(f"\nmemberships (--memberships), engine {name}: precision "
                           f"{m.precision:.3f}, recall {m.recall:.3f}, F1 {m.f1:.3f} "
                           f"({m.tp:g} of {m.n_gold:g} annotated, {m.n_pred:g} read)")


@main.command()
@click.option("--polnear", required=True, type=click.Path(file_okay=False),
              help="The PolNeAR folder holding train/ and dev/.")
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the trained weights to.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--cache", type=click.Path(file_okay=False),
              help="Keep the parsed splits here and reuse them on the next run.")
@click.option("--model", help="An installed spaCy pipeline (default: en_core_web_sm).")
@click.option("--cue-epochs", type=int, help="Epochs of the cue tagger (default: 3).")
@click.option("--role-epochs", type=int, help="Epochs of the role tagger (default: 3).")
@click.option("--cue-context", type=click.IntRange(0, 8),
              help="Tokens on each side that the cue tagger's second layer reads (0: none; "
                   "default: 2).")
@click.option("--role-context", type=click.IntRange(0, 8),
              help="Tokens on each side that the role tagger's second layer reads (0: none; "
                   "default: 2).")
@click.option("--cue-hidden", type=click.IntRange(16, 1024),
              help="Width of the cue tagger's hidden layers (default: 192).")
@click.option("--role-hidden", type=click.IntRange(16, 1024),
              help="Width of the role tagger's hidden layers (default: 192).")
def train(polnear: str, out: str, seed: int, cache: str | None, model: str | None,
          cue_epochs: int | None, role_epochs: int | None, cue_context: int | None,
          role_context: int | None, cue_hidden: int | None, role_hidden: int | None) -> None:
    """Train the attribution tagger on PolNeAR's train split (dev is only scored).

    Use the result with `--weights OUT` on extract, eval and bench.
    """
    from .learn.train import TrainConfig
    from .learn.train import train as run_training

    err = Console(stderr=True)
    try:
        run_training(lambda: _load(model, None, "rules"), polnear, out,
                     TrainConfig.of(seed=seed, cue_epochs=cue_epochs, role_epochs=role_epochs,
                                    cue_context=cue_context, role_context=role_context,
                                    cue_hidden=cue_hidden, role_hidden=role_hidden),
                     cache_dir=cache, say=err.print)
    except SaidwhoError as exc:
        _fail(str(exc))


@main.command()
@click.option("--polnear", type=click.Path(file_okay=False),
              help="Benchmark on PolNeAR's dev texts (default: the bundled samples).")
@click.option("--model", help="An installed spaCy pipeline.")
@engine_option()
@weights_option
@click.option("--repeat", type=click.IntRange(min=1), default=2, show_default=True,
              help="Rounds; the best time of each side is kept.")
@output_format("table", "json")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="The language to measure: its pipeline, and the sample articles in it "
                   "(or the texts of --polnear).")
def bench(polnear: str | None, model: str | None, engine: str, weights: str | None,
          repeat: int, fmt: str, lang: str) -> None:
    """Throughput of the full extraction against bare spaCy parsing of the same texts."""
    from .bench import run_bench
    from .language import detect

    if polnear:
        from .evaluate.polnear import read_split

        try:
            texts = [g.text for g in read_split(polnear, "dev")]
        except SaidwhoError as exc:
            _fail(str(exc))
    else:
        folder = resources.files("saidwho") / "samples"
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(str(folder)).glob("*.txt"))]
        texts = [t for t in texts if detect(t) == lang] * 20
    if lang != "en":
        engine = "rules"  # the trained engine reads English only
    nlp = _load(model, None, engine, weights, lang)
    err = Console(stderr=True)
    result = run_bench(nlp, texts, repeat=repeat, progress=lambda m: err.print(m))
    figures = result.to_dict() | {"engine": engine}
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"engine {engine}, documents {result.documents}, words {result.words}")
    click.echo(f"bare spaCy:       {figures['bare_docs_per_s']:>9} docs/s "
               f"{figures['bare_words_per_s']:>10} words/s")
    click.echo(f"full extraction:  {figures['full_docs_per_s']:>9} docs/s "
               f"{figures['full_words_per_s']:>10} words/s")
    click.echo(f"ratio (full/bare speed): {figures['ratio']:.3f} (best times); "
               f"{figures['paired_ratio']:.3f} (median of the rounds' ratios: "
               f"{', '.join(f'{r:.3f}' for r in result.round_ratios)})")


DEFAULT_DB = "saidwho.db"
db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="The store (a SQLite file).")


def _open_store(db: str, *, readonly: bool = True) -> Store:
    """The store at ``db``, or a one-line error naming it and the reason."""
    from .store import Store

    try:
        return Store.open(db, readonly=readonly)
    except SaidwhoError as exc:
        _fail(str(exc))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--model", help="An installed spaCy pipeline.")
@engine_option()
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes extracting in parallel (each loads the pipeline once).")
@click.option("--field", "fields", multiple=True, metavar="NAME=KEY",
              help="JSON Lines mapping, e.g. --field text=body --field date=published "
              "(names: id, text, lang, title, url, date, outlet, author).")
@time_limit_option
@lang_option()
def ingest(paths: tuple[str, ...], db: str, model: str | None, engine: str,
           workers: int, fields: tuple[str, ...], time_limit: float, lang: str) -> None:
    """Extract attributions from a corpus into the store: text (.txt, .md), HTML pages
    (.html, .htm), JSON Lines (.jsonl, .jsonl.gz), WARC crawls (.warc, .warc.gz), folders
    of them, or - (standard input). Reruns skip what is stored: safe to resume after a
    crash."""
    import sqlite3

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .io import count_documents
    from .io.document import FIELDS

    store = _open_store(db, readonly=False)
    mapping = {}
    for spec in fields:
        name, _, key = spec.partition("=")
        if name not in FIELDS or not key:
            _fail(f"--field {spec!r}: expected NAME=KEY with NAME one of {', '.join(FIELDS)}")
        mapping[name] = key
    loader = partial(_load_pipeline, model, engine, run_lang=lang)
    nlp = _pipelines(model, None, engine, None, lang) if workers == 1 else None
    err = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    total = count_documents(list(paths))  # None for WARC crawls: no ETA then
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("ingesting", total=total, rate="-")

        def tick(kind: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f}" if elapsed else "-")

        def failed(failure: Failure) -> None:
            click.echo(f"Error: {failure}", err=True)
            tick("error")

        with store:
            try:
                summary = store.ingest(nlp, list(paths), progress=tick, on_error=failed,
                                       workers=workers, loader=loader, fields=mapping,
                                       time_limit=time_limit, lang=lang)
            except sqlite3.OperationalError as exc:  # disk full, store made read-only
                _fail(f"{db}: cannot write the store ({exc}); every document written "
                      "before this one is kept, and a rerun continues from there")
    click.echo(f"documents {summary.documents}, attributions {summary.attributions}, "
               f"skipped duplicates {summary.duplicates}, errors {summary.errors}")
    if summary.unread_dates:
        click.echo(f"note: {_count(summary.unread_dates, 'document')} with a date that is not "
                   "one (kept as written, undated for --since/--until)", err=True)
    if summary.errors and not summary.documents and not summary.duplicates:
        sys.exit(1)


@main.command()
@db_option
@output_format("table", "json")
def stats(db: str, fmt: str) -> None:
    """Counts of articles, attributions, speakers and errors in the store."""
    with _open_store(db) as store:
        figures = store.stats()
    if fmt == "json":
        click.echo(json.dumps(figures))
    else:
        for key, value in figures.items():
            click.echo(f"{key:14}{value:>10}")


@main.command()
@click.argument("words", required=False)
@db_option
@click.option("--speaker", help="Speaker name contains these words, in order.")
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES))
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--outlet")
@click.option("--since", help="Articles dated on or after (YYYY-MM-DD).")
@click.option("--until", help="Articles dated on or before (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--fts", is_flag=True,
              help="WORDS is a raw SQLite FTS5 query (AND, OR, NOT, \"phrases\", NEAR, col:).")
@output_format("table", "json", "jsonl", "csv")
def search(words: str | None, db: str, speaker: str | None, speaker_type: str | None,
           kind: str | None, outlet: str | None, since: str | None, until: str | None,
           limit: int, fts: bool, fmt: str) -> None:
    """Attributions whose content or speaker hold every one of WORDS (plain words, any
    punctuation; end a word with * to match it as a prefix: court*), newest first."""
    _print_rows(_search(db, words, speaker=speaker, speaker_type=speaker_type, kind=kind,
                        outlet=outlet, since=since, until=until, limit=limit, fts=fts), fmt)


def _search(db: str, words: str | None, **filters: object) -> list[dict[str, object]]:
    """The store's search; what it cannot search as typed is a usage error (exit 2)."""
    from .errors import QueryError

    with _open_store(db) as store:
        try:
            return store.search(words, **filters)
        except QueryError as exc:
            raise click.UsageError(str(exc)) from None


def _print_rows(rows: list[dict[str, object]], fmt: str) -> None:
    """Search results in the chosen format; a line each as a table."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        if rows:
            writer.writeheader()
            writer.writerows(rows)
    else:
        for row in rows:
            click.echo(f"[{row['kind']}] {row['speaker'] or '?'} {row['cue']}: "
                       f"{row['content']}  ({row['doc_id']})")


@main.command(name="speakers")
@db_option
@click.option("--top", type=int, default=20, show_default=True)
@output_format("table", "json")
def speakers_command(db: str, top: int, fmt: str) -> None:
    """Who is quoted most, with counts and the share of anonymous sources."""
    with _open_store(db) as store:
        figures = store.speakers(top)
    if fmt == "json":
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo(f"{figures['attributions']} attributions, anonymous sources "
               f"{figures['anonymous_share']:.1%}")
    for row in figures["speakers"]:  # type: ignore[attr-defined]
        click.echo(f"{row['attributions']:>7}  {row['speaker']} ({row['type']}), "
                   f"{_count(row['articles'], 'article')}")


@main.command()
@click.argument("speaker")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
@output_format("table", "json", "jsonl", "csv")
def quotes(speaker: str, db: str, limit: int, fmt: str) -> None:
    """What SPEAKER (a name, or part of one) is reported to have said."""
    _print_rows(_search(db, None, speaker=speaker, limit=limit), fmt)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Default: stdout (required for parquet).")
def export(db: str, fmt: str, output: str | None) -> None:
    """Every attribution with its article's metadata, as JSON Lines, CSV or Parquet."""
    import csv

    from .store.rows import EXPORT_COLUMNS

    if fmt == "parquet" and not output:
        _fail("--format parquet needs -o FILE")
    store = _open_store(db)
    if fmt == "parquet":
        with store:
            rows = store.export_parquet(str(output))
        click.echo(f"{_count(rows, 'attribution')} written to {output}", err=True)
        return
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            for row in store.export_rows():
                writer.writerow(row)
        else:
            for row in store.export_rows():
                row["attribution"] = json.loads(str(row["attribution"]))
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        store.close()
        if output:
            stream.close()


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet", "text"]),
              default="jsonl", show_default=True, help="How INPUT is stored.")
@engine_option()
@click.option("--master", help="Spark master, e.g. local[2] (default: Spark's own setting).")
@time_limit_option
@lang_option()
def spark(input_path: str, output_path: str, fmt: str, engine: str, master: str | None,
          time_limit: float, lang: str) -> None:
    """Run the extraction on Spark: INPUT (any Spark-readable path) to Parquet at OUTPUT,
    partitioned by date and outlet. Needs the spark extra (pip install saidwho[spark])."""
    import importlib.util

    missing = [m for m in ("pyspark", "pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        _fail(f"the Spark job needs {', '.join(missing)}: install the spark extra "
              "(pip install 'saidwho[spark]')")
    from .spark_job import run

    try:
        run(input_path, output_path, fmt, engine, master, time_limit, lang)
    except Exception as exc:  # noqa: BLE001 - Spark raises Py4J and analysis errors
        _fail(f"Spark job failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


class _StatementGroup(click.Group):
    """`saidwho statement FILE...` reads statements; `saidwho statement compare ...` too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["read", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_StatementGroup)
def statement() -> None:
    """Joint statements: signatories (saidwho statement FILE...) and comparisons
    (saidwho statement compare A B ... [--against icc|eu|un|FILE.csv])."""


def _read_statements(files: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    from .statements.documents import read_statement_file

    out = []
    failures = 0
    for path in files:
        try:
            out.append(read_statement_file(path))
        except SaidwhoError as exc:
            click.echo(f"Error: {exc}", err=True)
            failures += 1
    return out if not failures else [*out, None]


@statement.command(name="read")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--map", "map_path", type=click.Path(dir_okay=False),
              help="Draw the (last) statement on a world map: FILE.svg or FILE.png.")
@click.option("--against", "against", help="Also show, for each statement, the members of a "
              "reference group (icc, eu, un or a CSV file) that did not sign and the "
              "non-members that did, as of the statement's date (and on the map).")
def statement_read(files: tuple[str, ...], fmt: str, map_path: str | None,
                   against: str | None) -> None:
    """Signatories of joint statements (text or HTML files)."""
    from .statements.compare import Comparison
    from .statements.reference import load_group
    from .statements.tables import print_against, print_statement
    from .statements.worldmap import render_map, statement_layers

    statements = _read_statements(files)
    failed = statements and statements[-1] is None
    statements = [s for s in statements if s is not None]
    try:
        group = load_group(against) if against else None
    except SaidwhoError as exc:
        _fail(str(exc))
    if map_path and statements:
        st = statements[-1]
        try:
            members = group.members(st.date) if group else None
            render_map(statement_layers(st, members, group.key if group else ""),
                       st.title or st.source, map_path)
        except SaidwhoError as exc:
            _fail(str(exc))
    if fmt == "json":
        body = []
        for st in statements:
            item = st.to_dict()
            if group is not None:
                item["against"] = Comparison([st], group).to_dict()["against"]
            body.append(item)
        click.echo(json.dumps(body[0] if len(files) == 1 and body else body, indent=2,
                              ensure_ascii=False))
    else:
        console = _StdoutConsole()
        for st in statements:
            print_statement(st, console)
            if group is not None:
                print_against(Comparison([st], group), console)
    if failed:
        sys.exit(1)


@statement.command(name="compare")
@click.argument("files", nargs=-1, required=True)
@click.option("--against", "against", help="A reference group: icc, eu, un or a CSV file.")
@click.option("--as-of", "as_of", help="Group membership on this date (YYYY-MM-DD); "
              "default: each statement's date, else today.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--map", "map_path", type=click.Path(dir_okay=False),
              help="World map of who signed all, joined, left (and stayed silent): "
              "FILE.svg or FILE.png.")
def statement_compare(files: tuple[str, ...], against: str | None, as_of: str | None,
                      fmt: str, map_path: str | None) -> None:
    """Compare statements, oldest first: who joined, who left, who signed all."""
    from datetime import date

    from .statements.compare import Comparison
    from .statements.reference import load_group
    from .statements.tables import print_comparison

    if len(files) < 2:
        _fail("compare needs at least two statements")
    try:
        group = load_group(against) if against else None
        on = date.fromisoformat(as_of) if as_of else None
    except SaidwhoError as exc:
        _fail(str(exc))
    except ValueError:
        _fail(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")
    statements = _read_statements(files)
    if statements and statements[-1] is None:
        sys.exit(1)
    comparison = Comparison(statements, group, on)
    if map_path:
        from .statements.worldmap import comparison_layers, render_map

        title = " → ".join(s.title or s.source for s in statements)
        try:
            render_map(comparison_layers(comparison), title, map_path)
        except SaidwhoError as exc:
            _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_comparison(comparison, _StdoutConsole())


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--model", help="An installed spaCy pipeline (for Analyze).")
@engine_option()
@click.option("--sample", is_flag=True,
              help="Ingest the bundled sample corpus into --db first (nothing twice).")
@click.option("--max-upload", type=click.IntRange(1_000, 100_000_000), default=2_000_000,
              show_default=True, help="The largest upload or pasted text, in bytes.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (2 on 2 cores doubles the searches served per second).")
@click.option("--analyzers", type=click.IntRange(0, 64), default=ANALYZERS, show_default=True,
              help="Analysis processes per server process, each with its own pipeline, at "
              "a lower CPU priority than searches; 0: analyze in the server process, one at "
              "a time, with no time limit.")
@click.option("--analyze-timeout", type=click.FloatRange(1, 86_400), default=ANALYZE_TIMEOUT,
              show_default=True, help="The most seconds one analysis may take; a longer one "
              "is stopped and answered 504 (too large a text for this server).")
@click.option("--analyze-queue", type=click.IntRange(0, 1000), default=ANALYZE_QUEUE,
              show_default=True, help="Analyses that may wait for a free analysis process; "
              "more are answered 503 with Retry-After.")
def serve(db: str, host: str, port: int, model: str | None, engine: str, sample: bool,
          max_upload: int, workers: int, analyzers: int, analyze_timeout: float,
          analyze_queue: int) -> None:
    """The web UI: analyze an article, browse the store (read-only), compare statements."""
    import os
    from functools import partial
    from importlib import resources
    from pathlib import Path

    import uvicorn

    from .web.app import SETTINGS_VARIABLE, create_app
    from .web.services import LOOPBACK_HOSTS, WebConfig

    in_server = workers == 1 and not analyzers  # this process analyses, with its pipeline
    nlp = _load(model, None, engine) if sample or in_server else None
    if sample:
        corpus = resources.files("saidwho") / "samples" / "corpus"
        with _open_store(db, readonly=False) as store:
            summary = store.ingest(nlp, [str(corpus)])
        click.echo(f"sample corpus in {db}: {_count(summary.documents, 'new article')}, "
                   f"{summary.duplicates} already stored", err=True)
    elif not Path(db).exists():
        click.echo(f"note: no store at {db}; Analyze and Statements work, the corpus pages "
                   "wait for saidwho ingest (or use --sample)", err=True)
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    if host not in LOOPBACK_HOSTS:
        click.echo(f"warning: listening on {host}: anyone who can reach port {port} can "
                   "use this server", err=True)
        hosts = ("*",)
    click.echo(f"saidwho at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    if workers == 1 and analyzers:
        nlp = None  # the one read for the sample: each analysis process loads its own
        app = create_app(WebConfig(Path(db), partial(_load_pipeline, model, engine),
                                   max_upload, hosts, analyzers, analyze_timeout,
                                   analyze_queue))
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    if nlp is not None and workers == 1:
        from .web.app import _loaded

        app = create_app(WebConfig(Path(db), partial(_loaded, nlp,
                                                     partial(_load_pipeline, model, engine)),
                                   max_upload, hosts))
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[SETTINGS_VARIABLE] = json.dumps({"db": str(Path(db).resolve()), "model": model,
                                                "engine": engine, "max_upload": max_upload,
                                                "allowed_hosts": hosts, "analyzers": analyzers,
                                                "analyze_timeout": analyze_timeout,
                                                "analyze_queue": analyze_queue})
    uvicorn.run("saidwho.web.app:app_from_environment", factory=True, workers=workers,
                host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
