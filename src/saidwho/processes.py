"""Helper processes (ingest extraction workers, server workers) that end with their parent.

A parent killed with SIGKILL cannot stop its children; on its own a worker would live on,
holding a pipeline in memory (and, for the server, the listening socket).
"""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(every: float = 1.0) -> None:
    """End this process within ``every`` seconds of its parent's death."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="saidwho-parent-watch", daemon=True).start()
