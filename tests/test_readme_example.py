"""The README's worked example reproduces as written (default engine)."""

import json
import os
import re
from pathlib import Path

import pytest

from saidwho.extract import extract_many

pytestmark = pytest.mark.model

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _example() -> tuple[str, dict]:
    section = README.split("## A worked example", 1)[1].split("\n## ", 1)[0]
    text = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    output = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    return text, json.loads(output)


def test_the_worked_example_gives_what_the_readme_shows(model_nlp):
    text, shown = _example()
    (result,) = extract_many(model_nlp, [("example", text)])
    assert result.to_dict() == shown


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_every_python_example_runs_as_written(tmp_path, monkeypatch, capsys):
    """Each ```python block of the README, run as a reader would paste it (the store
    example in a folder holding a corpus.db ingested from the bundled sample)."""
    from click.testing import CliRunner

    from saidwho.cli import main

    monkeypatch.chdir(tmp_path)
    sample = Path(__file__).parent.parent / "src" / "saidwho" / "samples" / "corpus"
    ingest = CliRunner().invoke(main, ["ingest", str(sample), "--db", "corpus.db",
                                       "--engine", "rules"])
    assert ingest.exit_code == 0, ingest.output
    blocks = _blocks("python")
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102
    assert "Karim Khan" in capsys.readouterr().out


def test_every_saidwho_command_in_the_shell_examples_parses(tmp_path):
    """The saidwho command lines of the README's ```sh blocks name commands and options
    that exist (each is parsed, with --help so that nothing runs)."""
    import shlex

    from click.testing import CliRunner

    from saidwho.cli import main

    lines = [line.split("#", 1)[0].strip() for block in _blocks("sh")
             for line in block.replace("\\\n", " ").splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("saidwho ")]
    assert len(commands) >= 3
    for args in commands:
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0, (args, result.output)


def test_the_quick_start_demo_runs_as_written():
    """``scripts/demo`` from the quick start: set up (a no-op on a set-up checkout), then
    the bundled samples as tables."""
    import subprocess

    root = Path(__file__).parent.parent
    assert "scripts/demo" in _blocks("sh")[0]
    done = subprocess.run(["scripts/demo"], cwd=root, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "coalition-statement: 10 attributions" in done.stdout
    assert "Rosa Ibarra" in done.stdout and "Traceback" not in done.stderr
