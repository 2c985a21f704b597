"""The ``saidwho`` command line: a thin layer over the library."""

from __future__ import annotations

import json
import logging
import sys
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from . import __version__
from .errors import SaidwhoError
from .inputs import InputFailure, iter_inputs

FORMATS = ("jsonl", "json", "table", "html")


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.group()
@click.version_option(__version__, prog_name="saidwho")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """saidwho: who said what, on whose word, in news text."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _load(model: str | None, min_confidence: float):  # type: ignore[no-untyped-def]
    from .extract import load_pipeline

    try:
        return load_pipeline(model, min_confidence=min_confidence)
    except SaidwhoError as exc:
        _fail(str(exc))


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--model", help="An installed spaCy pipeline (default: en_core_web_sm).")
@click.option("--min-confidence", type=float, default=0.35, show_default=True,
              help="Drop attributions less confident than this.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here instead of standard output.")
@click.option("--sample", is_flag=True, help="Add the bundled sample articles to the inputs.")
def extract(inputs: tuple[str, ...], fmt: str, model: str | None, min_confidence: float,
            output: str | None, sample: bool) -> None:
    """Extract attributions from FILEs, DIRectories of .txt files, or - (stdin)."""
    from .extract import extract_many
    from .render import print_table, to_html, to_json, to_jsonl

    paths = list(inputs)
    if sample:
        paths.append(str(resources.files("saidwho") / "samples"))
    if not paths:
        _fail("no input: give FILEs, a DIRectory, - for standard input, or --sample")
    nlp = _load(model, min_confidence)
    failures: list[InputFailure] = []

    def good_inputs():  # type: ignore[no-untyped-def]
        for item in iter_inputs(paths):
            if isinstance(item, InputFailure):
                failures.append(item)
                click.echo(f"Error: {item}", err=True)
            else:
                yield item.id, item.text

    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        results = extract_many(nlp, good_inputs())
        if fmt == "jsonl":
            for result in results:
                stream.write(to_jsonl(result) + "\n")
                stream.flush()
        elif fmt == "table":
            console = Console(file=stream) if output else Console()
            for result in results:
                print_table(result, console)
        else:
            collected = list(results)
            stream.write((to_json(collected) if fmt == "json" else to_html(collected)) + "\n")
    finally:
        if output:
            stream.close()
    if failures:
        click.echo(f"{len(failures)} input(s) failed", err=True)
        sys.exit(1)


@main.command(name="eval")
@click.option("--polnear", required=True, type=click.Path(file_okay=False),
              help="The PolNeAR folder holding train/ and dev/.")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)
@click.option("--model", help="An installed spaCy pipeline.")
@click.option("--min-confidence", type=float, default=0.35, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(polnear: str, split: str, model: str | None, min_confidence: float,
             as_json: bool) -> None:
    """Score the extraction against PolNeAR's gold attributions."""
    from .evaluate.polnear import read_split
    from .evaluate.run import evaluate_polnear
    from .evaluate.scorer import format_scores

    try:
        total = sum(1 for _ in read_split(polnear, split))
    except SaidwhoError as exc:
        _fail(str(exc))
    nlp = _load(model, min_confidence)
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"PolNeAR {split}", total=total)
        scores = evaluate_polnear(nlp, polnear, split,
                                  progress=lambda n: progress.advance(task, n))
    if as_json:
        click.echo(json.dumps({"split": split, "engine": "rules", **scores.to_dict()}, indent=2))
    else:
        click.echo(format_scores(scores, title=f"PolNeAR {split} (engine: rules)"))


@main.command()
@click.option("--polnear", type=click.Path(file_okay=False),
              help="Benchmark on PolNeAR's dev texts (default: the bundled samples).")
@click.option("--model", help="An installed spaCy pipeline.")
@click.option("--repeat", type=int, default=2, show_default=True,
              help="Rounds; the best time of each side is kept.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench(polnear: str | None, model: str | None, repeat: int, as_json: bool) -> None:
    """Throughput of the full extraction against bare spaCy parsing of the same texts."""
    from .bench import run_bench

    if polnear:
        from .evaluate.polnear import read_split

        try:
            texts = [g.text for g in read_split(polnear, "dev")]
        except SaidwhoError as exc:
            _fail(str(exc))
    else:
        folder = resources.files("saidwho") / "samples"
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(str(folder)).glob("*.txt"))]
        texts = texts * 20
    nlp = _load(model, 0.35)
    err = Console(stderr=True)
    result = run_bench(nlp, texts, repeat=repeat, progress=lambda m: err.print(m))
    figures = result.to_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"documents {result.documents}, words {result.words}")
    click.echo(f"bare spaCy:       {figures['bare_docs_per_s']:>9} docs/s "
               f"{figures['bare_words_per_s']:>10} words/s")
    click.echo(f"full extraction:  {figures['full_docs_per_s']:>9} docs/s "
               f"{figures['full_words_per_s']:>10} words/s")
    click.echo(f"ratio (full/bare speed): {figures['ratio']:.3f}")


if __name__ == "__main__":
    main()
