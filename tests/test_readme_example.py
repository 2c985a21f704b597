"""The README's worked example reproduces as written (default engine)."""

import json
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
