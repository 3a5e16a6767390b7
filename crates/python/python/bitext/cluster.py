"""Corpus runs on a Dask cluster: a ``bitext batch`` manifest in, one corpus out.

Each document pair is one Dask task (aligned by the same Rust pipeline as the command
line, the GIL released); results come back in manifest order and are written through
the command line's writers, so the output is byte for byte what ``bitext batch
--manifest`` writes. A document that fails is reported with its message and left out,
and the run goes on.

>>> from dask.distributed import Client, LocalCluster          # doctest: +SKIP
>>> from bitext.cluster import align_manifest                  # doctest: +SKIP
>>> with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:   # doctest: +SKIP
...     reports = align_manifest("pairs.tsv", "corpus.jsonl")
>>> [r for r in reports if r["status"] != "ok"]                # doctest: +SKIP

Without a running ``Client``, Dask's default (local) scheduler runs the tasks. The
workers must see the paths in the manifest (a shared file system).
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from . import BitextError, UnrelatedError, align_files, read_manifest, write_corpus


def align_pair(pair: tuple, options: Dict[str, Any]) -> Dict[str, Any]:
    """Align one ``(id, zh_path, en_path)`` pair; never raises for a bad document: the
    result says ``status`` ``"ok"`` (with ``links``) or ``"failed"`` (with ``error``)."""
    doc_id, zh, en = pair
    result: Dict[str, Any] = {"id": doc_id, "status": "ok", "error": None, "warnings": [], "links": []}
    try:
        try:
            links = align_files(zh, en, **options)
        except UnrelatedError as e:
            # As `bitext batch`: kept, with a warning in the report.
            result["warnings"].append(str(e).split(";")[0])
            links = align_files(zh, en, **dict(options, force=True))
    except BitextError as e:
        result.update(status="failed", error=str(e))
        return result
    for link in links:
        link.doc = doc_id
    result["links"] = [link.to_dict() for link in links]
    return result


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
    those of :func:`bitext.align_files`. Returns one report per document, in manifest
    order: ``id``, ``status``, ``error``, ``warnings``, ``links`` (the number written)."""
    import dask.bag as db

    pairs = read_manifest(manifest)
    if not pairs:
        raise BitextError(f"{os.fspath(manifest)}: no document pairs")
    bag = db.from_sequence(pairs, npartitions=len(pairs)).map(align_pair, options)
    results = bag.compute()
    links = [link for r in results for link in r["links"]]
    write_corpus(links, output, format)
    return [dict(r, links=len(r["links"])) for r in results]
