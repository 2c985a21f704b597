"""The PySpark job on a standalone Spark cluster on this machine: a master and two workers
started with PySpark's own launcher (``bin/spark-class``; the pip package ships no
``sbin/start-master.sh``), the job submitted with ``spark-submit`` as docs/spark.md tells for
a real cluster, and its Parquet compared with ``saidwho export`` of the same corpus.

Every Spark process listens on 127.0.0.1 only and keeps its logs, work and scratch files
under the test's tmp_path; each daemon runs in a process group of its own (its executors and
their Python workers with it), and the whole group is stopped in the fixture's teardown.
"""

from __future__ import annotations

import contextlib
import json
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import saidwho.spark_job as spark_job
from saidwho.cli import main
from saidwho.store.rows import EXPORT_COLUMNS

pyspark = pytest.importorskip("pyspark")

SPARK_HOME = Path(pyspark.__file__).parent
CORPUS = Path(spark_job.__file__).parent / "samples" / "corpus" / "sample-news.jsonl"
HAS_JAVA = bool(shutil.which("java") or os.environ.get("JAVA_HOME"))
WORKERS = 2
# every JVM here lives a minute: C1 alone and one GC thread took the test from 100 to 58 CPU
# seconds (96 s to 57 s on two busy cores)
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# generous: on two cores shared with other work (load 8) the workers took up to 24 s to
# register and spark-submit up to 110 s
START_TIMEOUT = 180
JOB_TIMEOUT = 420


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError as exc:
        return f"--- {path}: {exc}"
    return f"--- {path} (last {lines} lines)\n" + "\n".join(text)


def group_members(pgid: int) -> list[int]:
    """The live processes of a process group, from Linux's /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the fields after the command name: state, parent's pid, process group
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def stop_groups(procs: list[subprocess.Popen], grace: float = 20.0) -> None:
    """SIGTERM to each process's group (a worker stops its executors, an executor its Python
    workers), SIGKILL to whatever is left after ``grace`` seconds; then reap."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):  # the whole group has gone
                os.killpg(proc.pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            for proc in procs:
                proc.poll()  # reap a leader that has exited
            if not any(group_members(p.pid) for p in procs):
                break
            time.sleep(0.2)
    for proc in procs:
        proc.wait(timeout=5)


class LocalCluster:
    """A standalone master and its workers on 127.0.0.1, launched by ``spark-class``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port, self.webui_port = free_port(), free_port()
        self.url = f"spark://127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        conf = root / "conf"  # empty: no spark-defaults.conf or spark-env.sh of this machine's
        conf.mkdir()
        self.env = os.environ | {
            "SPARK_HOME": str(SPARK_HOME),
            "SPARK_CONF_DIR": str(conf),
            "SPARK_LOCAL_IP": "127.0.0.1",  # every daemon and UI binds to loopback only
            "SPARK_LOCAL_DIRS": str(root / "scratch"),  # shuffle and block files
            "SPARK_DAEMON_MEMORY": "512m",  # the master's and workers' own heaps
            "SPARK_DAEMON_JAVA_OPTS": QUICK_JVM,
        }

    def _launch(self, name: str, *args: str) -> None:
        log = self.root / f"{name}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            # spark-class execs java, so the pid is the daemon's and leads a group of its own
            self.procs.append(subprocess.Popen(
                [str(SPARK_HOME / "bin" / "spark-class"), *args], env=self.env, cwd=self.root,
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True))

    def start(self) -> None:
        self._launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                     "--port", str(self.port), "--webui-port", str(self.webui_port))
        for i in range(WORKERS):
            work = self.root / f"worker{i}"
            work.mkdir()
            self._launch(f"worker{i}", "org.apache.spark.deploy.worker.Worker", self.url,
                         "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                         "--cores", "1", "--memory", "1g", "--work-dir", str(work))

    def status(self) -> dict:
        url = f"http://127.0.0.1:{self.webui_port}/json/"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)

    def wait_for_workers(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        alive = None
        while time.monotonic() < deadline:
            exited = [log.stem for log, p in zip(self.logs, self.procs, strict=True)
                      if p.poll() is not None]
            if exited:
                pytest.fail(f"Spark daemon(s) {exited} exited while starting\n" + self.tails())
            try:
                alive = self.status().get("aliveworkers")
            except (OSError, ValueError):
                alive = None  # the master's UI is not up yet
            if alive == WORKERS:
                return
            time.sleep(1)
        pytest.fail(f"{alive} of {WORKERS} workers registered with the master at {self.url} "
                    f"after {START_TIMEOUT} s\n" + self.tails())

    def tails(self, *extra: Path) -> str:
        executors = sorted(self.root.glob("worker*/app-*/*/stderr"))
        return "\n".join(tail(p) for p in [*self.logs, *executors, *extra])


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LocalCluster]:
    spark = LocalCluster(tmp_path)
    try:
        spark.start()
        yield spark
    finally:
        stop_groups(spark.procs)


def submit(spark: LocalCluster, output: Path, events: Path) -> None:
    """Run the job file with spark-submit in client mode, the driver in this machine's venv,
    one 512 MB single-core executor per worker."""
    log = spark.root / "submit.log"
    events.mkdir()
    command = [
        str(SPARK_HOME / "bin" / "spark-submit"), "--master", spark.url,
        "--executor-memory", "512m", "--executor-cores", "1",
        "--total-executor-cores", str(WORKERS),
        "--conf", f"spark.pyspark.python={sys.executable}",
        "--driver-java-options", QUICK_JVM,
        "--conf", f"spark.executor.extraJavaOptions={QUICK_JVM}",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.ui.showConsoleProgress=false",
        # start the tasks once both executors are up, not on the first
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", f"spark.scheduler.maxRegisteredResourcesWaitingTime={START_TIMEOUT}s",
        # the 7 KB sample corpus in four splits, so that both executors get some
        "--conf", "spark.sql.files.maxPartitionBytes=2048",
        # one plain JSON file of scheduler events: which executor ran which task
        "--conf", "spark.eventLog.enabled=true",
        "--conf", f"spark.eventLog.dir={events.as_uri()}",
        "--conf", "spark.eventLog.compress=false",
        "--conf", "spark.eventLog.rolling.enabled=false",
        spark_job.__file__, str(CORPUS), str(output), "--engine", "rules",
    ]
    with log.open("wb") as out:
        driver = subprocess.Popen(command, env=spark.env, cwd=spark.root,
                                  stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        code: int | None = driver.wait(timeout=JOB_TIMEOUT)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        stop_groups([driver], grace=5)  # after a clean exit there is nothing left to stop
    if code is None:
        pytest.fail(f"spark-submit ran past {JOB_TIMEOUT} s\n" + spark.tails(log))
    if code != 0:
        pytest.fail(f"spark-submit exited with {code}\n" + spark.tails(log))


def normalised(row: dict) -> dict:
    """A Parquet row with its date as ISO text (a date in the export, the text of a ``date=``
    directory in Spark's output)."""
    return row | {"date": str(row["date"]) if row["date"] is not None else None}


@pytest.mark.model
@pytest.mark.skipif(not HAS_JAVA, reason="Spark needs Java 17 (java on PATH or $JAVA_HOME)")
def test_standalone_cluster_writes_what_export_does(cluster: LocalCluster, tmp_path: Path):
    import pyarrow.parquet as pq

    # the reference while the daemons start: the same corpus through the store
    db, exported = str(tmp_path / "s.db"), tmp_path / "export.parquet"
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", db, "--engine", "rules"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet",
                                       "-o", str(exported)])
    assert result.exit_code == 0, result.output

    cluster.wait_for_workers()
    out, events = tmp_path / "out", tmp_path / "events"
    submit(cluster, out, events)

    # the tasks ran in two executors, one on each worker (each has a single core)
    log = [json.loads(line) for path in events.iterdir()
           for line in path.read_text(encoding="utf-8").splitlines()]
    added = {e["Executor ID"] for e in log if e["Event"] == "SparkListenerExecutorAdded"}
    ran = [e["Task Info"]["Executor ID"] for e in log if e["Event"] == "SparkListenerTaskEnd"
           and e["Task End Reason"]["Reason"] == "Success"]
    assert len(added) == WORKERS, cluster.tails()
    assert set(ran) == added, (ran, cluster.tails())
    for i in range(WORKERS):
        assert list(tmp_path.glob(f"worker{i}/app-*/*/stderr")), cluster.tails()
    apps = cluster.status()["completedapps"]
    assert [(a["name"], a["state"]) for a in apps] == [("saidwho", "FINISHED")]

    spark_table, export_table = pq.read_table(out), pq.read_table(exported)
    assert set(spark_table.column_names) == set(export_table.column_names) == set(
        EXPORT_COLUMNS)
    spark_rows = sorted((normalised(r) for r in spark_table.to_pylist()),
                        key=lambda r: r["att_id"])
    export_rows = sorted((normalised(r) for r in export_table.to_pylist()),
                         key=lambda r: r["att_id"])
    assert len(export_rows) > 20
    assert spark_rows == export_rows


def test_the_submitted_file_runs_the_installed_module(monkeypatch):
    """spark-submit runs spark_job.py as __main__; the job must still be the installed
    module's, whose extract_batches cloudpickle ships by reference (one pipeline per Python
    worker), not a __main__ copy shipped by value with a fresh cache for every task."""
    calls = []
    monkeypatch.setattr(spark_job, "run", lambda *args: calls.append(args))
    monkeypatch.setattr(sys, "argv", [spark_job.__file__, "in/", "out/", "--engine", "rules"])
    runpy.run_path(spark_job.__file__, run_name="__main__")
    assert calls == [("in/", "out/", "jsonl", "rules", None, 20.0, "auto")]
