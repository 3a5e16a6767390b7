"""Corpus runs on a Dask cluster: a ``bitext batch`` manifest in, one corpus out.

Each document pair is one Dask task, aligned by the library function that ``bitext
batch`` runs for each document (``bitext_pipeline::batch::align_document``, the GIL
released): the same decisions (a document that fails is reported with its message and
left out; one whose texts look unrelated is reported and left out unless
``force=True``), the same report rows. Results come back in manifest order and are
written through the command line's writers, so the output is byte for byte what
``bitext batch --manifest`` writes.

>>> from dask.distributed import Client, LocalCluster          # doctest: +SKIP
>>> from bitext.cluster import align_manifest                  # doctest: +SKIP
>>> with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:   # doctest: +SKIP
...     reports = align_manifest("pairs.tsv", "corpus.jsonl")
>>> [r for r in reports if r["status"] != "ok"]                # doctest: +SKIP

Without a running ``Client``, Dask's default (local) scheduler runs the tasks. The
workers must see the paths in the manifest (a shared file system).
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional

from . import BitextError, _align_options, _native, read_manifest, write_corpus


def align_pair(pair: tuple, options: Dict[str, Any]) -> Dict[str, Any]:
    """Align one ``(id, zh_path, en_path)`` pair as ``bitext batch`` does; never raises
    for a bad document. Returns its report row (the keys of ``bitext batch --report
    report.json``: ``id``, ``status``, ``error``, ``links`` by type, ``warnings`` …)
    and, under ``records``, the links to write."""
    doc_id, zh, en = pair
    report, records = _native.align_document(doc_id, zh, en, _align_options(**options))
    return dict(json.loads(report), records=records)


def align_manifest(
    manifest: "os.PathLike[str] | str",
    output: "os.PathLike[str] | str",
    *,
    format: Optional[str] = None,
    **options: Any,
) -> List[Dict[str, Any]]:
    """Align every pair of ``manifest`` (``id<TAB>zh_path<TAB>en_path``) on the current
    Dask scheduler, one task per pair, and write the links of the documents that
    succeeded to ``output`` (format from the extension, or ``format``). ``options`` are
    those of :func:`bitext.align_files`. Returns one report row per document, in
    manifest order, as ``bitext batch --report report.json`` writes them."""
    import dask.bag as db

    pairs = read_manifest(manifest)
    if not pairs:
        raise BitextError(f"{os.fspath(manifest)}: no document pairs")
    bag = db.from_sequence(pairs, npartitions=len(pairs)).map(align_pair, options)
    results = bag.compute()
    write_corpus([record for r in results for record in r["records"]], output, format)
    return [{k: v for k, v in r.items() if k != "records"} for r in results]
