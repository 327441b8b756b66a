"""parse_many on a real local Dask cluster (two worker processes), through `client.get_executor()`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from resumeparser import parse_many

from .conftest import FIXTURES
from .test_batch import TRUNCATED_PDF, ExitNow

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

SAMPLE = FIXTURES / "samples" / "jane_doe.txt"


class Slow:
    """Sleeps past the time limit, then returns: a Dask thread cannot be stopped, only abandoned."""

    def __call__(self) -> bytes:
        time.sleep(4)
        return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # A worker that dies takes its task with it at once instead of after three retries elsewhere.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        )
        with distributed.Client(cluster) as dask_client:
            yield dask_client
        cluster.close()


def test_parse_many_on_a_dask_cluster(client: Any) -> None:
    sources: list[Any] = [(f"cv-{i}", str(SAMPLE)) for i in range(6)] + [("broken", TRUNCATED_PDF), ("empty", b"")]
    with client.get_executor() as executor:
        results = list(parse_many(sources, executor=executor, workers=2))
    assert sorted(r.index for r in results) == list(range(8))
    codes = {r.id: (r.error.code if r.error else None) for r in results}
    assert codes == {**{f"cv-{i}": None for i in range(6)}, "broken": "corrupt_document", "empty": "empty_document"}
    record = next(r.record for r in results if r.record is not None)
    assert record.emails == ["jane.doe@example.org"]
    # The work ran in the cluster's processes, which are not this one.
    assert len(client.scheduler_info()["workers"]) == 2


def test_dask_time_limits_and_crashed_workers_are_reported(client: Any) -> None:
    executor = client.get_executor()
    # One at a time: with Dask the clock runs from submission, so a queued task would count its wait.
    slow = list(parse_many([("slow", Slow())], executor=executor, workers=2, timeout=1.5))
    assert [(r.id, r.error.code if r.error else None) for r in slow] == [("slow", "timeout")]
    crashed = list(parse_many([("exit", ExitNow())], executor=executor, workers=2))
    assert [(r.id, r.error.code if r.error else None) for r in crashed] == [("exit", "worker_crashed")]
    # The cluster goes on after both.
    after = list(parse_many([("fine", str(SAMPLE))], executor=executor, workers=2))
    assert after[0].ok and after[0].record is not None
