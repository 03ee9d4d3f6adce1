"""Batch engines: map storyline's analysis over many documents; they hold no analysis logic.

``pool`` is the local process pool behind ``ingest``, its workers watched by
``watch`` (a time limit per document, no worker outliving its parent); ``batch`` writes Parquet
datasets, on local processes or a Dask cluster (``engine``, ``dask``), from
chunks planned by ``plan`` into the layout of ``datasets``.
"""

from storyline.batch.engine import ENGINES, BatchSummary, batch
from storyline.batch.pool import run

__all__ = ["ENGINES", "BatchSummary", "batch", "run"]
