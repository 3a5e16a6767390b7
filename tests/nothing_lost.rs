//! Nothing lost, nothing overwritten, nothing silently wrong: one test per class of
//! failure a demanding user met, each through the real binary in a temporary folder
//! (device nodes are made there with mknod, never in the real /dev).

mod common;

use common::{bitext, stderr, stdout, EN, ZH};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fails_with(o: &Output, code: i32, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    for n in needles {
        assert!(err.contains(n), "{n:?} not in: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".bitext-") || n.starts_with(".tmp"))
        .collect()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

// ---- Writers replace only what is theirs ----

#[cfg(unix)]
#[test]
fn a_device_node_or_directory_is_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    let made = Command::new("mknod")
        .args([&s(&node), "c", "1", "3"])
        .status();
    if made.is_ok_and(|st| st.success()) {
        let o = bitext(&["align", ZH, EN, "-o", &s(&node)]);
        fails_with(&o, 2, &["not a regular file"]);
        let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
        assert!(
            kind.is_char_device(),
            "the device node is still a device node"
        );
    } else {
        eprintln!("mknod not permitted here (not root): device-node case skipped");
    }
    let o = bitext(&["align", ZH, EN, "-o", &s(dir.path()), "-f", "tsv"]);
    fails_with(&o, 2, &["is a directory"]);
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn read_only_files_are_kept_unless_forced_and_modes_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.tsv");
    std::fs::write(&ro, "keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bitext(&["align", ZH, EN, "-o", &s(&ro)]);
    fails_with(&o, 2, &["read-only", "--force"]);
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    let o = bitext(&["align", ZH, EN, "-o", &s(&ro), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&ro).unwrap().starts_with("en\tzh"));
    assert_eq!(mode(&ro), 0o444, "the replaced file keeps its mode");
    // A shared corpus keeps 0640; a new file gets 0666 less the umask, not 0600.
    let shared = dir.path().join("shared.tsv");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(bitext(&["align", ZH, EN, "-o", &s(&shared)])
        .status
        .success());
    assert_eq!(mode(&shared), 0o640);
    let fresh = dir.path().join("fresh.tsv");
    let st = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec \"$0\" align {ZH} {EN} -o {}",
            s(&fresh)
        ))
        .arg(env!("CARGO_BIN_EXE_bitext"))
        .current_dir(root())
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(mode(&fresh), 0o644);
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.tmx");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.tmx");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(bitext(&["align", ZH, EN, "-o", &s(&link)]).status.success());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("<tmx"));
}

#[test]
fn batch_outputs_never_replace_its_inputs_and_fail_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("a.zh.txt");
    let en = dir.path().join("a.en.txt");
    std::fs::copy(root().join(ZH), &zh).unwrap();
    std::fs::copy(root().join(EN), &en).unwrap();
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(&manifest, "a\ta.zh.txt\ta.en.txt\n").unwrap();
    let before = std::fs::read(&en).unwrap();
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&en),
        "-f",
        "tsv",
    ]);
    fails_with(&o, 2, &["would overwrite an input"]);
    assert_eq!(std::fs::read(&en).unwrap(), before);
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&dir.path().join("c.tsv")),
        "--report",
        &s(&manifest),
    ]);
    fails_with(&o, 2, &["would overwrite an input"]);
    assert!(!dir.path().join("c.tsv").exists());
    // A directory as the merged output: refused at once, nothing aligned.
    let out_dir = dir.path().join("existing");
    std::fs::create_dir(&out_dir).unwrap();
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out_dir),
        "-f",
        "tsv",
    ]);
    fails_with(&o, 2, &["is a directory"]);
    assert!(!stderr(&o).contains("documents aligned"));
}

// ---- Readers read everything faithfully or stop with file, line and reason ----

const TRADITIONAL: &str = "1. 委員會審議了秘書長關於管理和支助事務方案的報告。\n\n2. 委員會建議大會核准該方案的說明，但須作出下列修改。\n\n3. 一個代表團對該部的工作表示讚賞，並期待看到進展。\n";
const ENGLISH: &str = "1. The Committee considered the report of the Secretary-General on the programme of management and support services.\n\n2. The Committee recommended that the General Assembly approve the programme narrative, subject to the following modifications.\n\n3. One delegation expressed appreciation for the work of the Department and looked forward to seeing progress.\n";

#[test]
fn big5_utf16_without_bom_and_an_encoding_per_side() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("big5.txt");
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert!(!unmappable);
    std::fs::write(&zh, &big5).unwrap();
    let en = dir.path().join("utf16.txt");
    let utf16: Vec<u8> = ENGLISH
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(&en, utf16).unwrap();
    let o = bitext(&["align", &s(&zh), &s(&en), "-f", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("委員會審議了秘書長關於管理和支助事務方案的報告。"),
        "{out}"
    );
    assert!(out.contains("The Committee considered the report"), "{out}");
    assert!(
        stderr(&o).contains("read as Big5 (detected"),
        "{}",
        stderr(&o)
    );
    // Named per side: the same result, without guessing.
    let cp = dir.path().join("en.cp1252.txt");
    let accented = ENGLISH.replace("Department", "Département");
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&accented);
    std::fs::write(&cp, &latin).unwrap();
    let o = bitext(&[
        "align",
        &s(&zh),
        &s(&cp),
        "--zh-encoding",
        "big5",
        "--en-encoding",
        "windows-1252",
        "-f",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Département") && stdout(&o).contains("委員會建議大會"));
    assert!(!stderr(&o).contains("detected"));
    // batch reads the same way, and takes the same flags.
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(&manifest, "d\tbig5.txt\tutf16.txt\n").unwrap();
    let out = dir.path().join("b.jsonl");
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out),
        "-q",
        "--zh-encoding",
        "big5",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("委員會審議了"));
}

#[test]
fn malformed_corpus_rows_stop_with_file_and_line_or_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("tab.tsv");
    std::fs::write(
        &tsv,
        "en\tzh\nGood row.\t好的。\nA tab\tinside.\t里面有制表符。\nLast.\t最后。\n",
    )
    .unwrap();
    let o = bitext(&["convert", &s(&tsv), "-o", &s(&dir.path().join("o.tmx"))]);
    fails_with(
        &o,
        2,
        &[
            "tab.tsv, line 3",
            "expected 2 tab-separated fields",
            "--lenient",
        ],
    );
    assert!(!dir.path().join("o.tmx").exists());
    let o = bitext(&[
        "convert",
        &s(&tsv),
        "-o",
        &s(&dir.path().join("o.tmx")),
        "--lenient",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped 1 bad row"), "{}", stderr(&o));
    let tmx = std::fs::read_to_string(dir.path().join("o.tmx")).unwrap();
    assert!(tmx.contains("好的。") && tmx.contains("最后。") && !tmx.contains("里面有"));
    // An unclosed quote does not swallow the following rows.
    let csv = dir.path().join("quote.csv");
    std::fs::write(
        &csv,
        "en,zh\n\"Unclosed,开始\nSecond row,第二行\nThird row,第三行\n",
    )
    .unwrap();
    let o = bitext(&["convert", &s(&csv), "-f", "tsv"]);
    fails_with(&o, 2, &["quote.csv, line 2"]);
    // Hand-written JSONL without unit ids still pairs its two sides.
    let jsonl = dir.path().join("hand.jsonl");
    std::fs::write(
        &jsonl,
        "{\"en\":\"Hello.\",\"zh\":\"你好。\",\"score\":1}\n",
    )
    .unwrap();
    let o = bitext(&["convert", &s(&jsonl), "-f", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("<seg>你好。</seg>"), "{}", stdout(&o));
    // The wrong reader says so instead of writing an empty file.
    let o = bitext(&[
        "convert",
        &s(&tsv),
        "--from",
        "tmx",
        "-o",
        &s(&dir.path().join("e.tsv")),
    ]);
    fails_with(&o, 2, &["not a TMX file"]);
    assert!(!dir.path().join("e.tsv").exists());
    // Line-aligned files of different lengths: the line where one ends.
    std::fs::write(dir.path().join("m.en"), "a\nb\n").unwrap();
    std::fs::write(dir.path().join("m.zh"), "甲\n乙\n丙\n").unwrap();
    let o = bitext(&[
        "convert",
        &s(&dir.path().join("m")),
        "--from",
        "moses",
        "-o",
        &s(&dir.path().join("m.tsv")),
    ]);
    fails_with(
        &o,
        2,
        &["line 3", "the en file has fewer lines than the zh file"],
    );
    assert!(!dir.path().join("m.tsv").exists());
    // An extension bitext does not write is refused, not written as TSV.
    let o = bitext(&["align", ZH, EN, "-o", &s(&dir.path().join("x.xlsx"))]);
    fails_with(&o, 2, &[".xlsx", "-f"]);
}

const VENDOR_TMX: &str = r#"<?xml version="1.0" encoding="UTF-16"?>
<tmx version="1.4"><header srclang="en-US" segtype="sentence" o-tmf="vendor" adminlang="en-US" datatype="plaintext" creationtool="vendor" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now<ph x="2"/>.</seg></tuv><tuv xml:lang="zh-CN"><seg>点击<bpt i="1" x="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>。</seg></tuv><tuv xml:lang="zh-TW"><seg>點擊<bpt i="1">&lt;b&gt;</bpt>儲存<ept i="1">&lt;/b&gt;</ept>。</seg></tuv></tu>
<tu><tuv xml:lang="en-GB"><seg>The colour <ph>{1}<sub>note text</sub></ph>of it</seg></tuv><tuv xml:lang="zh-Hant"><seg>它的顏色</seg></tuv><tuv xml:lang="fr-FR"><seg>Sa couleur</seg></tuv></tu>
</body></tmx>
"#;

/// (language tag, `<seg>` content) of every `<tuv>` of a TMX, in order.
fn tuvs(tmx: &str) -> Vec<(String, String)> {
    tmx.split("<tuv xml:lang=\"")
        .skip(1)
        .map(|part| {
            let (lang, rest) = part.split_once('"').unwrap();
            let seg = rest.split_once("<seg>").unwrap().1;
            let seg = seg.split_once("</seg>").unwrap().0;
            (lang.to_string(), seg.to_string())
        })
        .collect()
}

#[test]
fn a_vendor_tmx_comes_back_with_its_languages_text_and_inline_codes_through_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let vendor = dir.path().join("vendor.tmx");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(VENDOR_TMX.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    std::fs::write(&vendor, utf16).unwrap();
    let direct = dir.path().join("direct.tmx");
    let o = bitext(&["convert", &s(&vendor), "-o", &s(&direct)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got = tuvs(&std::fs::read_to_string(&direct).unwrap());
    let expected = [
        ("en-US", "Click <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;</ept> now<ph x=\"2\"/>."),
        ("zh-CN", "点击<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>保存<ept i=\"1\">&lt;/b&gt;</ept>。"),
        ("en-US", "Click <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;</ept> now<ph x=\"2\"/>."),
        ("zh-TW", "點擊<bpt i=\"1\">&lt;b&gt;</bpt>儲存<ept i=\"1\">&lt;/b&gt;</ept>。"),
        ("en-GB", "The colour <ph>{1}<sub>note text</sub></ph>of it"),
        ("zh-Hant", "它的顏色"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, expected, "every variant, tag and inline code kept");
    // A language bitext does not hold is said, not silently dropped.
    assert!(
        stderr(&o).contains("1 segment(s) in other languages were not read")
            && stderr(&o).contains("fr-FR (1)"),
        "{}",
        stderr(&o)
    );
    // Through JSONL and back: the same TMX.
    let jsonl = dir.path().join("via.jsonl");
    assert!(bitext(&["convert", &s(&vendor), "-o", &s(&jsonl)])
        .status
        .success());
    let again = dir.path().join("again.tmx");
    assert!(bitext(&["convert", &s(&jsonl), "-o", &s(&again)])
        .status
        .success());
    assert_eq!(tuvs(&std::fs::read_to_string(&again).unwrap()), expected);
    // Tables cannot hold codes or variant tags: the plain text, and a warning.
    for ext in ["tsv", "csv"] {
        let o = bitext(&["convert", &s(&vendor), "-f", ext]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("點擊儲存。"));
        assert!(stderr(&o).contains("cannot hold"), "{}", stderr(&o));
    }
    // --zh-lang relabels on purpose.
    let o = bitext(&["convert", &s(&vendor), "-f", "tmx", "--zh-lang", "zh-Hans"]);
    assert!(!stdout(&o).contains("zh-TW") && stdout(&o).contains("zh-Hans"));
}

// ---- Wrong pairs are not written with exit 0 ----

#[test]
fn batch_leaves_out_unrelated_documents_and_keeps_partial_translations() {
    let dir = tempfile::tempdir().unwrap();
    let zh_full = std::fs::read_to_string(root().join(ZH)).unwrap();
    let lines: Vec<&str> = zh_full.lines().collect();
    std::fs::write(
        dir.path().join("part.zh.txt"),
        lines[..lines.len() / 4].join("\n") + "\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("other.zh.txt"), TRADITIONAL).unwrap();
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(
        &manifest,
        format!(
            "partial\tpart.zh.txt\t{en}\nunrelated\tother.zh.txt\t{en}\n",
            en = root().join(EN).display()
        ),
    )
    .unwrap();
    let out = dir.path().join("c.tmx");
    let report = dir.path().join("r.csv");
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&out),
        "--report",
        &s(&report),
    ]);
    fails_with(&o, 1, &["unrelated: the documents look unrelated"]);
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert!(
        tmx.contains("x-document\">partial<"),
        "the partial translation is aligned"
    );
    assert!(!tmx.contains("x-document\">unrelated<"));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .any(|l| l.starts_with("unrelated,unrelated,")));
    let all = dir.path().join("all.jsonl");
    let o = bitext(&[
        "batch",
        "--manifest",
        &s(&manifest),
        "-o",
        &s(&all),
        "--force",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&all)
        .unwrap()
        .contains("\"doc\":\"unrelated\""));
    // align agrees on the partial translation.
    let o = bitext(&[
        "align",
        &s(&dir.path().join("part.zh.txt")),
        EN,
        "-f",
        "links",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn check_refuses_unrelated_texts_instead_of_reporting_terminology() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.zh.txt");
    std::fs::write(&other, TRADITIONAL).unwrap();
    let o = bitext(&["check", "--zh", &s(&other), "--en", EN]);
    fails_with(&o, 1, &["look unrelated", "nothing checked"]);
    assert!(stdout(&o).is_empty());
}

#[test]
fn label_only_units_never_become_empty_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&zh, "1. 委员会审议了报告，建议如下：\n\n（a）\n\n委员会审议了秘书长的报告。\n\n（b）\n\n委员会建议核准该方案。\n").unwrap();
    std::fs::write(&en, "1. The Committee considered the report and recommended as follows:\n\n(a)\n\nThe Committee considered the report of the Secretary-General.\n\n(b)\n\nThe Committee recommended approval of the programme.\n").unwrap();
    let prefix = dir.path().join("test");
    let o = bitext(&["align", &s(&zh), &s(&en), "-f", "moses", "-o", &s(&prefix)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("left out 2 link(s) with no text"),
        "{}",
        stderr(&o)
    );
    for side in ["test.en", "test.zh"] {
        let text = std::fs::read_to_string(dir.path().join(side)).unwrap();
        assert!(
            text.lines().all(|l| !l.trim().is_empty()),
            "{side}: {text:?}"
        );
        assert_eq!(text.lines().count(), 3, "{side}");
    }
    for format in ["tmx", "tsv", "csv"] {
        let o = bitext(&["align", &s(&zh), &s(&en), "-f", format]);
        let out = stdout(&o);
        assert!(!out.contains("<seg></seg>"), "{out}");
        assert_eq!(
            out.lines().filter(|l| l.contains("The Committee")).count(),
            3,
            "{format}"
        );
        assert!(
            !out.lines()
                .any(|l| l.starts_with("\t\t") || l.starts_with(",,")),
            "{format}: {out}"
        );
    }
    // The links format lists every unit, label-only ones included.
    let o = bitext(&["align", &s(&zh), &s(&en), "-f", "links"]);
    assert_eq!(stdout(&o).lines().count(), 6);
}

// ---- Interrupted runs leave the old file or the new one, never a temp file ----

#[cfg(unix)]
#[test]
fn an_interrupted_batch_leaves_no_temp_file_and_split_files_appear_as_documents_finish() {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::new();
    for k in 0..80 {
        manifest.push_str(&format!(
            "d{k:02}\t{}\t{}\n",
            root().join(ZH).display(),
            root().join(EN).display()
        ));
    }
    let manifest_path = dir.path().join("pairs.tsv");
    std::fs::write(&manifest_path, manifest).unwrap();
    let out = dir.path().join("corpus.tmx");
    std::fs::write(&out, "previous corpus").unwrap();
    for (target, split) in [(out.clone(), false), (dir.path().join("split"), true)] {
        let mut args = vec![
            "batch".to_string(),
            "--manifest".into(),
            s(&manifest_path),
            "-o".into(),
            s(&target),
            "-q".into(),
            "--threads".into(),
            "1".into(),
        ];
        if split {
            args.extend(["--split".into(), "-f".into(), "tsv".into()]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
            .args(&args)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        assert!(
            temp_files(dir.path()).is_empty(),
            "{:?}",
            temp_files(dir.path())
        );
        if split {
            assert!(temp_files(&target).is_empty());
            let done = std::fs::read_dir(&target).unwrap().count();
            if status.code() == Some(130) {
                assert!(
                    done > 0 && done < 80,
                    "{done} documents written before the signal"
                );
            }
        } else if status.code() == Some(130) {
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous corpus");
        }
    }
}

#[test]
fn resume_keeps_the_earlier_report_rows() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pairs.tsv");
    std::fs::write(
        &manifest,
        format!(
            "one\t{zh}\t{en}\n",
            zh = root().join(ZH).display(),
            en = root().join(EN).display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let report = dir.path().join("report.csv");
    let run = || {
        bitext(&[
            "batch",
            "--manifest",
            &s(&manifest),
            "-o",
            &s(&out),
            "--split",
            "--resume",
            "--report",
            &s(&report),
            "-q",
        ])
    };
    assert!(run().status.success());
    let first = std::fs::read_to_string(&report).unwrap();
    assert!(first.lines().nth(1).unwrap().starts_with("one,ok,"));
    assert!(run().status.success());
    assert_eq!(std::fs::read_to_string(&report).unwrap(), first);
}

// ---- Messages ----

#[test]
fn a_pdf_or_word_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    fails_with(
        &bitext(&["align", &s(&pdf), EN]),
        2,
        &["report.txt", "is a damaged PDF"],
    );
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, b"PK\x03\x04\x14\x00\x06\x00").unwrap();
    fails_with(
        &bitext(&["align", ZH, &s(&docx)]),
        2,
        &["report.docx", "Word"],
    );
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_said_once() {
    let fixtures = "crates/mteval/tests/fixtures/sacrebleu";
    let script = format!(
        "\"$0\" score --ref {fixtures}/ref.en --hyp {fixtures}/hyp.en --sentence | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_bitext"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(stdout(&o).trim(), "0", "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_bitext"))
            .args(["align", ZH, EN])
            .current_dir(root())
            .stdout(full)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(err.matches("No space left").count(), 1, "{err}");
    }
}

#[test]
fn corpora_in_a_named_encoding_are_read_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("gbk.tsv");
    let (gbk, _, _) = encoding_rs::GBK.encode("en\tzh\nThe Committee met.\t委员会举行了会议。\n");
    std::fs::write(&tsv, &gbk).unwrap();
    let o = bitext(&["convert", &s(&tsv), "-f", "jsonl"]);
    fails_with(&o, 2, &["gbk.tsv"]);
    let o = bitext(&["convert", &s(&tsv), "-f", "jsonl", "--encoding", "gbk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("委员会举行了会议。"));
    let o = bitext(&["check", &s(&tsv), "--encoding", "gbk", "-f", "json"]);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
    let hyp = dir.path().join("hyp.zh");
    let (gbk_hyp, _, _) = encoding_rs::GBK.encode("委员会举行了会议。\n");
    std::fs::write(&hyp, &gbk_hyp).unwrap();
    let o = bitext(&[
        "score",
        "--ref",
        &s(&tsv),
        "--lang",
        "zh",
        "--hyp",
        &s(&hyp),
        "--encoding",
        "gbk",
        "-m",
        "chrf",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("chrF2") && stdout(&o).contains("= 100.0"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn footnote_markers_leave_the_segments_and_stay_as_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&zh, "1. 注意到秘书长的报告；6\n\n2. 欢迎《2001-2010十年期行动纲领》2执行情况审查。\n\n3. 重申第77/278号决议第3段。\n").unwrap();
    std::fs::write(&en, "1. Takes note of the report of the Secretary-General;6\n\n2. Welcomes the review of the Programme of Action for the Decade 2001-20102 and its implementation.\n\n3. Reaffirms paragraph 3 of resolution 77/278.\n").unwrap();
    let o = bitext(&["align", &s(&zh), &s(&en), "-f", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\"en\":\"Takes note of the report of the Secretary-General;\""),
        "{out}"
    );
    assert!(out.contains("\"zh\":\"注意到秘书长的报告；\""), "{out}");
    assert!(out.contains("\"footnote_refs\":[\"6\"]"), "{out}");
    assert!(
        out.contains("《2001-2010十年期行动纲领》执行情况") && out.contains("Decade 2001-2010 and"),
        "{out}"
    );
    // Real numbers stay.
    assert!(out.contains("resolution 77/278") && out.contains("第77/278号决议"));
    let o = bitext(&["align", &s(&zh), &s(&en), "-f", "tmx"]);
    assert!(stdout(&o).contains("<prop type=\"x-footnote-refs\">6</prop>"));
}
