"""Analyses off the server's process: a few worker processes, each with its own pipeline,
a bounded number of requests waiting for one, and a time limit on each analysis.

Extraction is CPU-bound Python: run in the server process it holds the GIL, and one long
upload held every other analysis behind a lock. Here a request borrows an idle process,
sends it the text over a pipe and waits (without the GIL) for the result. An analysis over
the time limit cannot be interrupted inside spaCy, so its process is killed and a fresh one
started (``concurrent.futures`` cannot cancel a running task, hence this small pool).

The processes run at a lower CPU priority than the server, so searches get the cores
first, and end with the server even when it is killed with -9.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import pickle
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from spacy.language import Language

from ..defaults import ANALYZE_QUEUE, ANALYZER_NICE
from ..errors import SaidwhoError
from ..extract import extract_detected, pipelines_of
from ..model import DocumentResult
from ..processes import exit_with_parent

log = logging.getLogger(__name__)


class PoolError(SaidwhoError):
    """An analysis the pool could not run."""


class PoolBusy(PoolError):
    """Every process is busy and the waiting line is full (or did not move in time)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PoolTimeout(PoolError):
    """An analysis ran over the time limit (its process was replaced)."""


class PoolUnavailable(PoolError):
    """No process can analyse: the pipeline does not load, a process died, or the pool
    is closing."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection  # the server's end of a duplex pipe


class AnalysisPool:
    """``size`` processes that each load the pipeline once with ``loader`` (picklable: a
    module-level function or a ``functools.partial`` of one). At most ``queue`` requests
    wait for a free process, each for at most ``timeout`` seconds, and one analysis may
    take ``timeout`` seconds."""

    def __init__(self, loader: Callable[[], Language], size: int, timeout: float,
                 queue: int = ANALYZE_QUEUE, nice: int = ANALYZER_NICE) -> None:
        if size < 1:
            raise ValueError(f"an analysis pool needs at least one process, not {size}")
        try:
            pickle.dumps(loader)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise ValueError(f"analysis processes need a picklable pipeline loader (a "
                             f"module-level function or a functools.partial of one), not "
                             f"{loader!r}; or analyse in the server process") from exc
        self.loader = loader
        self.size = size
        self.timeout = timeout
        self.queue = queue
        self.nice = nice
        self._context = multiprocessing.get_context("spawn")
        self._cond = threading.Condition()
        self._alive: set[_Worker] = set()  # loading, idle or busy
        self._idle: list[_Worker] = []
        self._admitted = 0  # requests waiting or running
        self._failure: str | None = None  # why the last process could not load
        self._open = False
        self._seconds = 1.0  # a running mean of analysis times, for Retry-After

    def start(self) -> None:
        """Start the processes (they load their pipelines in the background)."""
        with self._cond:
            if self._open:
                return
            self._open = True
            self._failure = None
            missing = self.size - len(self._alive)
        for _ in range(missing):
            self._spawn()

    def close(self) -> None:
        """Stop every process; requests still waiting are answered PoolUnavailable."""
        with self._cond:
            self._open = False
            idle, busy = self._idle, self._alive.difference(self._idle)
            self._idle, self._alive = [], set()
            self._cond.notify_all()
        for worker in idle:
            _stop(worker)
        for worker in busy:  # the thread that holds it sees the pipe close, and closes it
            worker.process.kill()

    def ready(self, timeout: float) -> bool:
        """Whether every process has loaded its pipeline, waiting up to ``timeout``."""
        with self._cond:
            return self._cond.wait_for(lambda: len(self._idle) == self.size, timeout)

    @property
    def admitted(self) -> int:
        """Requests running or waiting."""
        with self._cond:
            return self._admitted

    def extract(self, text: str, doc_id: str) -> DocumentResult:
        """The attributions of ``text`` (without the text: the caller has it)."""
        self.start()
        with self._cond:
            if self._admitted >= self.size + self.queue:
                raise PoolBusy(f"the server is busy: {self.size} analyses running and "
                               f"{self.queue} waiting; try again shortly", self._retry_after())
            self._admitted += 1
        try:
            worker = self._acquire()
            return self._run(worker, text, doc_id)
        finally:
            with self._cond:
                self._admitted -= 1

    def _acquire(self) -> _Worker:
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while not self._idle:
                if not self._open:
                    raise PoolUnavailable("the server is stopping")
                if self._failure is not None and not self._alive:
                    raise PoolUnavailable(f"analysis is unavailable: {self._failure}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PoolBusy(f"the server is busy: no analysis process was free "
                                   f"within {self.timeout:g} s; try again shortly",
                                   self._retry_after())
                self._cond.wait(left)
            return self._idle.pop()

    def _run(self, worker: _Worker, text: str, doc_id: str) -> DocumentResult:
        started = time.monotonic()
        try:
            worker.conn.send((text, doc_id))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise PoolTimeout(
                    f"{doc_id}: the analysis took longer than {self.timeout:g} s, this "
                    f"server's limit: the text is too large to analyse here (split it, "
                    f"use saidwho extract, or start the server with a larger "
                    f"--analyze-timeout)")
            status, payload, remote = worker.conn.recv()
        except (OSError, EOFError) as exc:
            self._replace(worker)
            raise PoolUnavailable(f"{doc_id}: the analysis process stopped (exit code "
                                  f"{worker.process.exitcode}); try again") from exc
        self._release(worker, time.monotonic() - started)
        if status == "error":
            if not isinstance(payload, SaidwhoError):
                log.error("analysis of %s failed in its process:\n%s", doc_id, remote)
            raise payload
        return payload  # type: ignore[no-any-return]

    def _release(self, worker: _Worker, seconds: float) -> None:
        with self._cond:
            self._seconds = 0.8 * self._seconds + 0.2 * seconds
            if worker in self._alive:
                self._idle.append(worker)
                self._cond.notify_all()  # a request waiting, or ready()
                return
        _stop(worker)  # the pool closed meanwhile

    def _replace(self, worker: _Worker) -> None:
        """Kill a process that overran or died, and start another in its place."""
        _stop(worker)
        with self._cond:
            self._alive.discard(worker)
            reopen = self._open
        if reopen:
            self._spawn()

    def _spawn(self) -> None:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, self.loader, self.nice, self.timeout),
            name="saidwho-analyzer", daemon=True)
        try:
            process.start()
        except OSError as exc:  # out of memory or processes: analyse with the others
            log.error("cannot start an analysis process: %s", exc)
            with self._cond:
                self._failure = f"cannot start an analysis process: {exc}"
                self._cond.notify_all()
            ours.close()
            return
        finally:
            theirs.close()
        worker = _Worker(process, ours)
        with self._cond:
            if not self._open:
                _stop(worker)
                return
            self._alive.add(worker)
        threading.Thread(target=self._await_ready, args=(worker,), daemon=True,
                         name="saidwho-analyzer-start").start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            status, message = worker.conn.recv()
        except (OSError, EOFError):
            worker.process.join(5)
            status, message = "failed", ("the analysis process exited while loading the "
                                         f"pipeline (exit code {worker.process.exitcode})")
        with self._cond:
            if worker in self._alive and status == "ready":
                self._idle.append(worker)
                self._cond.notify_all()
                return
            if worker in self._alive:
                self._alive.discard(worker)
                self._failure = message
                log.error("an analysis process could not start: %s", message)
            self._cond.notify_all()
        _stop(worker)

    def _retry_after(self) -> int:
        """Seconds until a place is likely free: the mean analysis time, times the
        requests ahead per process."""
        ahead = 1 + self.queue / self.size
        return max(1, min(math.ceil(self.timeout), math.ceil(self._seconds * ahead)))


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.conn.close()


def _serve(conn: Connection, loader: Callable[[], Language], nice: int,
           time_limit: float) -> None:
    """An analysis process: load the pipeline, say so, then analyse texts until the pipe
    closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole process group:
    exit_with_parent()                            # the server stops us, or its death does
    if nice:
        os.nice(nice)
    try:
        pipelines = pipelines_of(loader, loader())  # English at once; others when needed
        pipelines.get("en")
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            text, doc_id = conn.recv()
        except (EOFError, OSError):
            return
        try:
            # a text seen to need more than the limit is refused early (the process
            # carries on), not killed when the time is spent
            result = extract_detected(pipelines, text, doc_id, time_limit)
        except Exception as exc:
            conn.send(("error", _portable(exc), traceback.format_exc()))
            continue
        result.text = None  # the server has it: do not send it back
        conn.send(("ok", result, ""))


def _portable(exc: Exception) -> Exception:
    """The exception itself when it crosses the pipe intact, else its message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
