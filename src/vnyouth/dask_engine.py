"""``engine="dask"`` for :mod:`vnyouth.batch`: the same chunks, run on a Dask cluster.

The input is read and the output written by the process that runs the job,
exactly as with the local engine; only the work on each chunk (a partition of
the input) goes to the cluster, at most ``2 × (worker threads)`` chunks at a
time, and results are written in input order. Output, ordering, resume and
error records are therefore the same as with ``engine="local"``.

* No ``scheduler``: a :class:`distributed.LocalCluster` on 127.0.0.1 with
  ``workers`` single-threaded worker processes, closed when the job ends.
* ``scheduler="tcp://host:8786"``: connect to that running scheduler. Its
  workers need ``vnyouth`` (same version) installed; model folders passed as
  paths must exist at the same paths on the workers, while ``None`` means
  each worker's own default (its environment variables, else the shipped models).
* ``scheduler=client``: use an existing :class:`distributed.Client` (left open).

``dask[distributed]`` is an optional extra: ``pip install 'vnyouth[dask]'``.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["dask_submitter", "import_distributed"]

logger = logging.getLogger(__name__)

#: How long to wait for a scheduler given by address.
CONNECT_TIMEOUT = "20s"


def import_distributed():
    """Return the ``distributed`` module, or raise ImportError naming the extra to install."""
    try:
        import distributed
    except ImportError as e:
        raise ImportError("the dask engine needs dask.distributed, which is not installed: "
                          "pip install 'vnyouth[dask]'") from e
    return distributed


@contextlib.contextmanager
def dask_submitter(scheduler: Any = None, workers: int = 1,
                   **cluster_kwargs: Any) -> Iterator[tuple[Callable, int]]:
    """Yield ``(submit, window)``: ``submit(fn, *args)`` returns a future; ``window`` chunks in flight.

    ``cluster_kwargs`` go to the :class:`distributed.LocalCluster` started when
    ``scheduler`` is None (e.g. ``processes=False`` for a small in-process cluster).
    """
    from .batch import TagError

    distributed = import_distributed()
    with _quiet_distributed(), contextlib.ExitStack() as stack:
        if scheduler is None:
            # Loopback only; the scheduler's HTTP server (always started) on a free
            # port rather than 8787, which another job on the machine may hold.
            kwargs = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0")
            if cluster_kwargs.get("processes") is False:
                kwargs.pop("host")  # an in-process cluster talks over inproc://, not TCP
            kwargs.update(cluster_kwargs)
            cluster = stack.enter_context(distributed.LocalCluster(**kwargs))
            client = stack.enter_context(distributed.Client(cluster))
            logger.info("started a local Dask cluster at %s", cluster.scheduler_address)
        elif isinstance(scheduler, str):
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError) as e:
                raise TagError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
            logger.info("connected to the Dask scheduler at %s", scheduler)
        elif isinstance(scheduler, distributed.Client):
            client = scheduler  # the caller's: left open
        else:
            raise TypeError("scheduler must be an address str or a distributed.Client, "
                            f"got {type(scheduler).__name__}")
        threads = sum(client.nthreads().values())
        if not threads:
            logger.warning("the Dask cluster has no workers yet; tasks wait until one joins")

        def submit(fn: Callable, *args: Any):
            return client.submit(fn, *args, pure=False)

        yield submit, 2 * max(threads, 1)


@contextlib.contextmanager
def _quiet_distributed() -> Iterator[None]:
    """Keep distributed's INFO chatter (cluster start, connections) out of the job's log.

    Shown when this module's logger is enabled for INFO (``vnyouth -v``).
    """
    dlog = logging.getLogger("distributed")
    old = dlog.level
    if not logger.isEnabledFor(logging.INFO):
        dlog.setLevel(logging.WARNING)
    try:
        yield
    finally:
        dlog.setLevel(old)
