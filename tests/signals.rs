//! Nothing lost when standard error is closed or the run is interrupted: the real
//! binary with its stderr pipe closed by the reader, and SIGTERM/SIGINT sent with
//! `kill`. Exit codes, reports and outputs must be what they are with a terminal.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{EN, ZH};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

/// Start `bitext` with its standard error a pipe whose reader has gone: every
/// message it writes there fails with EPIPE.
fn spawn_with_closed_stderr(args: &[&str]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bitext");
    drop(child.stderr.take());
    child
}

/// Wait for the process to end; a process that outlives `limit` is killed and the
/// test fails (a signal that does not stop it is the bug under test).
fn wait_at_most(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("bitext still running {limit:?} after it should have stopped");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name}");
}

/// A manifest of `n` copies of the report pair.
fn manifest(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("pairs.tsv");
    let mut text = String::from("id\tzh\ten\n");
    for k in 0..n {
        text += &format!(
            "doc{k:03}\t{}\t{}\n",
            root().join(ZH).display(),
            root().join(EN).display()
        );
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_closed_stderr_changes_neither_exit_code_nor_report() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(
        &manifest,
        format!(
            "id\tzh\ten\ngood\t{}\t{}\nunrelated\t{}\t{}\n",
            root().join(ZH).display(),
            root().join(EN).display(),
            root().join(ZH).display(),
            root().join("README.md").display()
        ),
    )
    .unwrap();
    let report = dir.path().join("report.csv");
    let out = dir.path().join("corpus.tsv");
    let mut child = spawn_with_closed_stderr(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out),
        "--report",
        &s(&report),
    ]);
    let status = wait_at_most(&mut child, Duration::from_secs(120));
    assert_eq!(status.code(), Some(1), "an unrelated pair is exit 1");
    let rep = std::fs::read_to_string(&report).expect("the report is written");
    assert!(rep.lines().any(|l| l.starts_with("good,ok,")), "{rep}");
    assert!(
        rep.lines().any(|l| l.starts_with("unrelated,unrelated,")),
        "{rep}"
    );
    assert!(std::fs::read_to_string(&out).unwrap().lines().count() > 100);

    // An input error is still exit 2 (not a panic's 101, not 0).
    let mut child = spawn_with_closed_stderr(&["align", ZH, "no-such-file.txt"]);
    assert_eq!(
        wait_at_most(&mut child, Duration::from_secs(60)).code(),
        Some(2)
    );
}

#[test]
fn an_interrupted_batch_writes_its_report_and_resume_keeps_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = manifest(dir.path(), 60);
    let out = dir.path().join("out");
    let report = dir.path().join("report.csv");
    let args = [
        "batch",
        "--manifest",
        &s(&manifest),
        "--split",
        "-o",
        &s(&out),
        "-f",
        "tsv",
        "--report",
        &s(&report),
        "--threads",
        "1",
    ];
    let mut child = spawn_with_closed_stderr(&args);
    // Interrupt once the first document is written.
    let first = out.join("doc000.tsv");
    let start = Instant::now();
    while !first.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch ended before the first document was written"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no document written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&child, "TERM");
    let status = wait_at_most(&mut child, Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{status:?}");

    let rows: Vec<Vec<String>> = csv::Reader::from_path(&report)
        .expect("the report of an interrupted batch is written")
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 60, "every document has a row");
    let done: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == "ok").collect();
    let left: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == "interrupted").collect();
    assert!(!done.is_empty() && !left.is_empty(), "{rows:?}");
    assert_eq!(done.len() + left.len(), 60);
    for r in &done {
        assert!(out.join(format!("{}.tsv", r[0])).exists(), "{r:?}");
        assert!(r[3].parse::<usize>().unwrap() > 100, "real units: {r:?}");
    }
    for r in &left {
        assert!(!out.join(format!("{}.tsv", r[0])).exists(), "{r:?}");
    }

    // --resume aligns the rest and keeps the real rows of the documents done before.
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    let o = common::bitext(&resumed);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let after: Vec<Vec<String>> = csv::Reader::from_path(&report)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(after.len(), 60);
    assert!(after.iter().all(|r| r[1] == "ok"), "{after:?}");
    for r in &done {
        let now = after.iter().find(|a| a[0] == r[0]).unwrap();
        assert_eq!(&now, r, "the row of a document done before is kept");
    }
    for r in &after {
        assert!(out.join(format!("{}.tsv", r[0])).exists(), "{r:?}");
    }
}

#[test]
fn an_interrupted_merged_batch_keeps_the_old_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = manifest(dir.path(), 60);
    let out = dir.path().join("corpus.tsv");
    std::fs::write(&out, "previous corpus\n").unwrap();
    let report = dir.path().join("report.json");
    let mut child = spawn_with_closed_stderr(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out),
        "--report",
        &s(&report),
        "--threads",
        "1",
    ]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "60 documents take longer"
    );
    signal(&child, "INT");
    let status = wait_at_most(&mut child, Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous corpus\n");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 60);
    assert!(
        docs.iter().all(|d| d["status"] == "interrupted"),
        "{docs:?}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
}

#[test]
fn a_review_server_stops_on_sigterm_with_stderr_closed() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    let en = dir.path().join("en.txt");
    std::fs::copy(root().join(ZH), &zh).unwrap();
    std::fs::copy(root().join(EN), &en).unwrap();
    let mut child =
        spawn_with_closed_stderr(&["review", &s(&zh), &s(&en), "--no-open", "--port", "0"]);
    // The project file is saved before the server starts listening.
    let start = Instant::now();
    while !std::fs::read_dir(dir.path()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".review.json")
    }) {
        assert!(child.try_wait().unwrap().is_none(), "review ended early");
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, "TERM");
    let status = wait_at_most(&mut child, Duration::from_secs(30));
    assert_eq!(status.code(), Some(130), "{status:?}");
}

#[test]
fn a_second_review_server_on_one_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    let en = dir.path().join("en.txt");
    std::fs::copy(root().join(ZH), &zh).unwrap();
    std::fs::copy(root().join(EN), &en).unwrap();
    let project = dir.path().join("zh.review.json");
    let mut first = spawn_with_closed_stderr(&["review", &s(&zh), &s(&en), "--no-open"]);
    let start = Instant::now();
    while !project.exists() {
        assert!(first.try_wait().unwrap().is_none(), "review ended early");
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut second = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["review", &s(&project), "--no-open"])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_at_most(&mut second, Duration::from_secs(60));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut second.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(
        err.contains("another bitext review is serving this project"),
        "{err}"
    );
    assert!(err.contains("zh.review.json"), "{err}");
    signal(&first, "TERM");
    assert_eq!(
        wait_at_most(&mut first, Duration::from_secs(30)).code(),
        Some(130)
    );
    // Once the first has stopped, the project opens again.
    let mut again = spawn_with_closed_stderr(&["review", &s(&project), "--no-open"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        again.try_wait().unwrap().is_none(),
        "the lock went with its process"
    );
    signal(&again, "INT");
    assert_eq!(
        wait_at_most(&mut again, Duration::from_secs(30)).code(),
        Some(130)
    );
}
