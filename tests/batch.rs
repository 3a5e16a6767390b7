//! `bitext batch` through the real binary: pairing by name and by document symbol, a
//! manifest, a failing document in the middle, --resume, and identical output for one
//! and two threads.

use std::path::{Path, PathBuf};
mod common;

use std::process::Output;

/// Reproducible TMX dates, so outputs can be compared byte for byte.
fn bitext(args: &[&str]) -> Output {
    common::bitext_env(args, &[("SOURCE_DATE_EPOCH", "1700000000")])
}

fn setup(dir: &Path) {
    std::fs::create_dir_all(dir.join("zh")).unwrap();
    std::fs::create_dir_all(dir.join("en")).unwrap();
    let names = [
        ("A_78_6_Sect.29A.zh.txt", "A-78-6-Sect.29A.en.txt"),
        ("E_2023_26.zh.txt", "E_2023_26.en.txt"),
        ("report_zh.txt", "report_en.txt"),
    ];
    for ((z, e), (zt, et)) in names.iter().zip(common::docs()) {
        std::fs::write(dir.join("zh").join(z), zt).unwrap();
        std::fs::write(dir.join("en").join(e), et).unwrap();
    }
    std::fs::write(dir.join("zh").join("lonely.zh.txt"), "只有中文。\n").unwrap();
}

/// A manifest of the three documents of `setup`, in the order a, b, c.
fn three_document_manifest(dir: &Path) -> PathBuf {
    let manifest = dir.join("pairs.tsv");
    std::fs::write(
        &manifest,
        "id\tzh\ten\na\tzh/E_2023_26.zh.txt\ten/E_2023_26.en.txt\nb\tzh/report_zh.txt\ten/report_en.txt\nc\tzh/A_78_6_Sect.29A.zh.txt\ten/A-78-6-Sect.29A.en.txt\n",
    )
    .unwrap();
    manifest
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

#[test]
fn pairs_by_name_and_symbol_and_lists_unmatched_files() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = dir.path().join("corpus.jsonl");
    let report = dir.path().join("report.json");
    let o = bitext(&[
        "batch",
        "--zh-dir",
        &s(&dir.path().join("zh")),
        "--en-dir",
        &s(&dir.path().join("en")),
        "-o",
        &s(&out),
        "--report",
        &s(&report),
    ]);
    // A file left without a counterpart is a finding: exit 1, named with its reason.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("lonely.zh.txt (no English counterpart"),
        "{err}"
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let ids: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A/78/6/SECT.29A", "E/2023/26", "REPORT"]);
    for d in r["documents"].as_array().unwrap() {
        assert_eq!(d["status"], "ok");
        assert!(d["links"]["1-1"].as_u64().unwrap() > 10, "{d}");
        assert!(d["mean_confidence"].as_f64().unwrap() > 0.8);
    }
    let unmatched = r["unmatched"].as_array().unwrap();
    assert_eq!(unmatched.len(), 1);
    assert!(unmatched[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("lonely.zh.txt"));
    assert!(unmatched[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("no English counterpart"));
    // Every record names its document.
    let corpus = std::fs::read_to_string(&out).unwrap();
    let docs: std::collections::BTreeSet<String> = corpus
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs.len(), 3);
}

#[test]
fn manifest_with_a_failing_document_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(
        &manifest,
        "id\tzh\ten\nfirst\tzh/E_2023_26.zh.txt\ten/E_2023_26.en.txt\nbroken\tempty.txt\ten/report_en.txt\nlast\tzh/report_zh.txt\ten/report_en.txt\n",
    )
    .unwrap();
    let out = dir.path().join("corpus.tmx");
    let report = dir.path().join("report.csv");
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out),
        "--report",
        &s(&report),
    ]);
    assert_eq!(o.status.code(), Some(1), "some documents failed");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("broken: failed") && err.contains("empty"),
        "{err}"
    );
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert!(tmx.contains("<prop type=\"x-document\">first</prop>"));
    assert!(
        tmx.contains("<prop type=\"x-document\">last</prop>"),
        "the batch went on after the failure"
    );
    let rep = std::fs::read_to_string(&report).unwrap();
    assert!(
        rep.lines().any(|l| l.starts_with("broken,failed,")),
        "{rep}"
    );
    // --fail-fast stops there.
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&dir.path().join("ff.tmx")),
        "--fail-fast",
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let ff = std::fs::read_to_string(dir.path().join("ff.tmx")).unwrap();
    assert!(!ff.contains("x-document\">last<"));
}

#[test]
fn split_output_resumes_and_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let (z, e) = (s(&dir.path().join("zh")), s(&dir.path().join("en")));
    let run = |out: &Path, threads: &str, extra: &[&str]| {
        let mut args = vec![
            "batch",
            "--zh-dir",
            &z,
            "--en-dir",
            &e,
            "-o",
            out.to_str().unwrap(),
            "--threads",
            threads,
            "--quiet",
        ];
        args.extend_from_slice(extra);
        let o = bitext(&args);
        // 1: the Chinese-only file of `setup` has no counterpart.
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let one = dir.path().join("one.tmx");
    let two = dir.path().join("two.tmx");
    run(&one, "1", &[]);
    run(&two, "2", &[]);
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());

    let split = dir.path().join("split");
    run(&split, "2", &["--split", "-f", "tsv"]);
    let first = split.join("E_2023_26.tsv");
    assert!(first.exists());
    // Resume: an existing output is kept as it is; a missing one is made again.
    std::fs::write(&first, "kept\n").unwrap();
    std::fs::remove_file(split.join("REPORT.tsv")).unwrap();
    let report = dir.path().join("r.csv");
    run(
        &split,
        "2",
        &[
            "--split",
            "-f",
            "tsv",
            "--resume",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "kept\n");
    assert!(std::fs::read_to_string(split.join("REPORT.tsv"))
        .unwrap()
        .starts_with("en\tzh\t"));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("skipped (output exists)"));
}

#[test]
fn shards_merged_in_manifest_order_equal_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let manifest = three_document_manifest(dir.path());
    let whole = dir.path().join("whole.jsonl");
    let o = bitext(&["batch", "--manifest", &s(&manifest), "-o", &s(&whole), "-q"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let mut shards = Vec::new();
    for k in 1..=2 {
        let out = dir.path().join(format!("shard-{k}.jsonl"));
        let shard = format!("{k}/2");
        let o = bitext(&[
            "batch",
            "--manifest",
            &s(&manifest),
            "--shard",
            &shard,
            "-o",
            &s(&out),
            "-q",
        ]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        shards.push(s(&out));
    }
    // Shard 1 of 2 holds document a only; shard 2 holds b and c.
    let first = std::fs::read_to_string(&shards[0]).unwrap();
    assert!(
        first.lines().all(|l| l.contains("\"doc\":\"a\"")),
        "{first}"
    );
    // Given in the wrong order, the manifest puts them right.
    let merged = dir.path().join("merged.jsonl");
    let o = bitext(&[
        "convert",
        &shards[1],
        &shards[0],
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&merged),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&merged).unwrap(),
        std::fs::read_to_string(&whole).unwrap()
    );
    // Without the manifest, the order given is kept: here the wrong one.
    let o = bitext(&["convert", &shards[1], &shards[0], "-o", &s(&merged)]);
    assert!(o.status.success());
    assert_ne!(
        std::fs::read_to_string(&merged).unwrap(),
        std::fs::read_to_string(&whole).unwrap()
    );
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "--shard",
        "3/2",
        "-o",
        &s(&merged),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("--shard must be K/N"));
}

#[test]
fn a_shared_lexicon_is_the_same_for_every_shard_and_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let manifest = three_document_manifest(dir.path());
    let run = |extra: &[&str], out: &Path| {
        let mut args = vec![
            "batch",
            "--manifest",
            manifest.to_str().unwrap(),
            "--shared-lexicon",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = bitext(&args);
        assert!(o.status.success(), "{}", common::stderr(&o));
        std::fs::read_to_string(out).unwrap()
    };
    let one = run(&["--threads", "1"], &dir.path().join("t1.jsonl"));
    let two = run(&["--threads", "2"], &dir.path().join("t2.jsonl"));
    assert_eq!(one, two);
    for doc in ["a", "b", "c"] {
        assert!(one.contains(&format!("\"doc\":\"{doc}\"")), "{doc}");
    }
    let first = run(&["--shard", "1/2"], &dir.path().join("s1.jsonl"));
    let second = run(&["--shard", "2/2"], &dir.path().join("s2.jsonl"));
    assert_eq!(format!("{first}{second}"), one);
}
