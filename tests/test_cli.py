import json

import pytest
from click.testing import CliRunner

from saidwho.cli import main

pytestmark = pytest.mark.model

ARTICLE = "The council reports that the bridge is unsafe. <script>alert(1)</script>\n"


@pytest.fixture()
def runner():
    return CliRunner()


def _commands(group=main, path=()):
    """Every command path of the CLI, groups and their subcommands included."""
    yield list(path)
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, (*path, name))


COMMANDS = list(_commands())


def test_the_command_list_is_the_cli():
    names = {tuple(c) for c in COMMANDS}
    assert {(), ("extract",), ("ingest",), ("search",), ("serve",), ("statement",)} <= names
    assert len(names) >= 13


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "saidwho")
def test_every_command_has_help(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    # a description of its own under the usage line, not an empty help text
    assert result.output.split("\n\n")[1].strip()


def test_extract_jsonl_uses_the_file_stem_as_id(runner, tmp_path):
    (tmp_path / "bridge-story.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "bridge-story.txt")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout.strip())
    assert doc["schema"] == "saidwho/1" and doc["id"] == "bridge-story"
    (att,) = doc["attributions"]
    assert att["cue"][0]["text"] == "reports"
    assert ARTICLE[att["content"][0]["start"] : att["content"][0]["end"]] == (
        "that the bridge is unsafe"
    )


def test_extract_reads_stdin(runner):
    result = runner.invoke(main, ["extract", "-"], input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "stdin"


def test_bad_inputs_are_reported_and_good_ones_kept(runner, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 said hello".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, [
        "extract", str(tmp_path / "good.txt"), str(tmp_path / "missing.txt"),
        str(tmp_path / "latin1.txt"), str(tmp_path / "blob.txt"), "-o", str(out),
    ])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.stderr
    assert "latin1.txt: not valid UTF-8: byte 0xe9 at offset 3 (line 1)" in result.stderr
    assert "blob.txt: binary file" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["good"]


def test_directory_without_text_files_is_an_error(runner, tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"x")
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "directory holds no text files" in result.stderr


def test_directory_is_read_recursively(runner, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text("", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(d["id"] for d in docs) == ["one", "two"]
    assert next(d for d in docs if d["id"] == "two")["attributions"] == []


def test_html_output_escapes_the_text(runner, tmp_path):
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", "--format", "html", str(tmp_path / "x.txt")])
    assert result.exit_code == 0
    assert "<script>alert(1)</script>" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    assert '<mark class="cue sp' in result.stdout and 'data-n="1"' in result.stdout


def test_table_and_json_formats(runner, tmp_path):
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    table = runner.invoke(main, ["extract", "--format", "table", str(tmp_path / "x.txt")])
    assert table.exit_code == 0 and "reports" in table.stdout
    as_json = runner.invoke(main, ["extract", "--format", "json", str(tmp_path / "x.txt")])
    assert json.loads(as_json.stdout)[0]["id"] == "x"


def test_unknown_model_is_a_clear_error(runner):
    result = runner.invoke(main, ["extract", "--model", "no_such_pipeline", "-"], input="x")
    assert result.exit_code == 1
    assert "no_such_pipeline" in result.output and "not installed" in result.output


def test_eval_on_a_folder_that_is_not_polnear(runner, tmp_path):
    result = runner.invoke(main, ["eval", "--polnear", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a PolNeAR split" in result.output


def runner_ok(args):
    return CliRunner().invoke(main, args).exit_code == 0


def test_python_m_saidwho_and_a_closed_pipe(tmp_path):
    import subprocess
    import sys

    version = subprocess.run([sys.executable, "-m", "saidwho", "--version"],
                             capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.startswith("saidwho")
    # a reader that stops early (| head -1): no traceback, no error, exit 0
    lines = "\n".join(f"Ana Ruiz said the ferry {k} was late." for k in range(3000))
    (tmp_path / "many.txt").write_text(lines, encoding="utf-8")
    db = tmp_path / "s.db"
    assert runner_ok(["ingest", str(tmp_path / "many.txt"), "--db", str(db), "--engine",
                      "rules"])
    proc = subprocess.run(  # the export is megabytes: far more than the pipe holds
        f"set -o pipefail; {sys.executable} -m saidwho export --db {db} | head -1",
        shell=True, capture_output=True, text=True, check=False, executable="/bin/bash")
    assert proc.returncode == 0 and proc.stdout.startswith('{"att_id"')
    # the terminal tables too (rich, left alone, exits 1 on a closed pipe)
    proc = subprocess.run(
        f"set -o pipefail; {sys.executable} -m saidwho extract --sample --engine rules "
        "--format table | head -2", shell=True, capture_output=True, text=True, check=False,
        executable="/bin/bash")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr


def test_usage_errors_exit_2_and_output_flags_agree(runner):
    result = runner.invoke(main, ["extract"])
    assert result.exit_code == 2 and "no input" in result.output
    for command in (["stats"], ["search"], ["speakers"], ["quotes", "x"], ["eval"],
                    ["bench"]):
        text = runner.invoke(main, [*command, "--help"]).output
        assert "--format" in text and "--json" in text, command


def test_spark_without_pyspark_names_the_extra(runner, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pyspark" else real(name, *a))
    result = runner.invoke(main, ["spark", "in.jsonl", "out"])
    assert result.exit_code == 1 and "saidwho[spark]" in result.output


def test_tables_print_markup_in_the_text_as_text(runner):
    text = 'Ana Ruiz said the [red]code[/red] was "[/a] broken" again.\n'
    result = runner.invoke(main, ["extract", "-", "--format", "table", "--engine", "rules"],
                           input=text)
    assert result.exit_code == 0, result.output
    assert "[red]code[/red]" in result.output and "[/a]" in result.output
