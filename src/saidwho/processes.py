"""Helper processes (ingest extraction workers, server workers) that end with their parent.

A parent killed with SIGKILL cannot stop its children; on its own a worker would live on,
holding a pipeline in memory (and, for the server, the listening socket).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def exit_with_parent(every: float = 1.0) -> None:
    """End this process within ``every`` seconds of its parent's death."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="saidwho-parent-watch", daemon=True).start()


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from Linux's /proc (none found elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the fields after the command name: state, then the parent's pid
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found
