"""The Dask recipe on a local cluster of two worker processes gives exactly what
`bitext batch` writes for the same manifest, and the same report: a failing document
and an unrelated one are reported and left out by both."""

import json

import pytest

from conftest import needs_shared, run_cli

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from bitext.cluster import align_manifest  # noqa: E402

DOCS = 300
LINES_PER_DOC = 12


def make_manifest(tmp_path):
    """DOCS document pairs from the UNPC dev set (consecutive line blocks: real
    translations), the first one with an empty Chinese file to fail, the second with
    the Chinese of a distant block (unrelated texts)."""
    unpc = needs_shared("data", "unpc")
    zh_lines = (unpc / "UNv1.0.devset.zh.detok").read_text(encoding="utf-8").splitlines()
    en_lines = (unpc / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    rows = ["id\tzh\ten"]
    for d in range(DOCS):
        block = slice(d * LINES_PER_DOC, (d + 1) * LINES_PER_DOC)
        zh, en = tmp_path / f"doc{d:03}.zh.txt", tmp_path / f"doc{d:03}.en.txt"
        zh_block = slice((d + DOCS) * LINES_PER_DOC, (d + DOCS + 1) * LINES_PER_DOC) if d == 1 else block
        zh.write_text("" if d == 0 else "\n\n".join(zh_lines[zh_block]) + "\n", encoding="utf-8")
        en.write_text("\n\n".join(en_lines[block]) + "\n", encoding="utf-8")
        rows.append(f"UNPC/{d:03}\t{zh.name}\t{en.name}")
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def test_local_cluster_output_is_identical_to_batch(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    manifest = make_manifest(tmp_path)
    batch_out = tmp_path / "batch.jsonl"
    batch_report = tmp_path / "report.json"
    proc = run_cli(cli, "batch", "--manifest", str(manifest), "-o", str(batch_out), "-q",
                   "--report", str(batch_report))
    assert proc.returncode == 1, proc.stderr  # the empty document failed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        dask_out = tmp_path / "dask.jsonl"
        reports = align_manifest(manifest, dask_out)
        tmx_out = tmp_path / "dask.tmx"
        align_manifest(manifest, tmx_out)
    assert len(reports) == DOCS
    assert [(r["id"], r["status"]) for r in reports if r["status"] != "ok"] == [
        ("UNPC/000", "failed"), ("UNPC/001", "unrelated")]
    assert "empty" in reports[0]["error"]
    assert "look unrelated" in reports[1]["error"] and "force=True" in reports[1]["error"]
    assert sum(sum(r["links"].values()) for r in reports) > DOCS * LINES_PER_DOC * 0.8
    assert dask_out.read_bytes() == batch_out.read_bytes()
    # The same report rows, but for the setting each front end names.
    documents = json.loads(batch_report.read_text(encoding="utf-8"))["documents"]
    assert "--force" in documents[1]["error"]
    for r in [documents[1], reports[1]]:
        r["error"] = r["error"].split(";")[0]
    assert reports == documents
    batch_tmx = tmp_path / "batch.tmx"
    run_cli(cli, "batch", "--manifest", str(manifest), "-o", str(batch_tmx), "-q")
    assert tmx_out.read_bytes() == batch_tmx.read_bytes()
