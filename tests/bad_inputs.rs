//! Every bad input gets a clear answer and nothing is lost: one test per case, each
//! asserting the exit code, the message, and what is (not) left on disk.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::{bitext, stderr, EN, ZH};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn assert_clean_error(o: &Output, code: i32, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    for n in needles {
        assert!(err.contains(n), "{n:?} not in: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

fn zh_text() -> String {
    std::fs::read_to_string(root().join(ZH)).unwrap()
}

fn en_text() -> String {
    std::fs::read_to_string(root().join(EN)).unwrap()
}

/// The files of a directory (to see that no temporary file is left behind).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn align_ok(zh: &Path, en: &Path) -> String {
    let o = bitext(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "-f",
        "links",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn reference_links() -> String {
    align_ok(&root().join(ZH), &root().join(EN))
}

#[test]
fn utf8_with_bom_aligns_like_without() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    std::fs::write(&zh, format!("\u{feff}{}", zh_text())).unwrap();
    assert_eq!(align_ok(&zh, &root().join(EN)), reference_links());
}

#[test]
fn utf16_le_and_be_with_bom_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bom, be) in [
        ("le.txt", [0xFF, 0xFE], false),
        ("be.txt", [0xFE, 0xFF], true),
    ] {
        let mut bytes = bom.to_vec();
        for unit in zh_text().encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(
            align_ok(&path, &root().join(EN)),
            reference_links(),
            "{name}"
        );
    }
}

#[test]
fn gb18030_chinese_is_detected_or_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = zh_text();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let path = dir.path().join("zh.gb.txt");
    std::fs::write(&path, &gb).unwrap();
    assert_eq!(align_ok(&path, &root().join(EN)), reference_links());
    let o = bitext(&[
        "align",
        path.to_str().unwrap(),
        EN,
        "--encoding",
        "gbk",
        "-f",
        "links",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn legacy_encodings_are_detected_or_refused_never_guessed_silently() {
    let dir = tempfile::tempdir().unwrap();
    // English in windows-1252 (curly quotes, accents): read, and the user is told how.
    let path = dir.path().join("cp1252.txt");
    let english = en_text().replace("Committee", "Comit\u{e9} \u{201c}Committee\u{201d}");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&english);
    std::fs::write(&path, &cp1252).unwrap();
    let o = bitext(&["align", ZH, path.to_str().unwrap(), "-f", "links"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cp1252.txt: read as windows-1252 (detected"),
        "{}",
        stderr(&o)
    );
    // Too little Chinese to tell GBK from Big5: refused, with the way out.
    let short = dir.path().join("short.zh.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode("委员会报告");
    std::fs::write(&short, &gbk).unwrap();
    let o = bitext(&["align", short.to_str().unwrap(), EN]);
    assert_clean_error(&o, 2, &["short.zh.txt", "--zh-encoding"]);
    // A named encoding the bytes do not fit: the offset of the first bad byte.
    let latin = dir.path().join("latin1.txt");
    std::fs::write(&latin, b"Caf\xe9 cr\xe8me \xff\xfe\x80 and more text here").unwrap();
    let o = bitext(&[
        "align",
        ZH,
        latin.to_str().unwrap(),
        "--en-encoding",
        "shift_jis",
    ]);
    assert_clean_error(&o, 2, &["latin1.txt", "not valid Shift_JIS", "offset"]);
    let o = bitext(&["align", ZH, EN, "--encoding", "klingon"]);
    assert_clean_error(&o, 2, &["unknown encoding \"klingon\""]);
}

#[test]
fn crlf_lone_cr_and_form_feeds_align_like_lf() {
    let dir = tempfile::tempdir().unwrap();
    let reference = reference_links();
    for (name, en) in [
        ("crlf.txt", en_text().replace('\n', "\r\n")),
        ("cr.txt", en_text().replace('\n', "\r")),
        (
            "ff.txt",
            en_text().replace("\n23-11234\n", "\n\x0c23-11234\n"),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, en).unwrap();
        assert_eq!(align_ok(&root().join(ZH), &path), reference, "{name}");
    }
}

#[test]
fn a_binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let o = bitext(&["align", path.to_str().unwrap(), EN]);
    assert_clean_error(&o, 2, &["image.png", "binary file", "NUL byte at offset 8"]);
}

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("empty.txt", ""), ("blank.txt", " \n\t\r\n  \n")] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let out = dir.path().join("out.tsv");
        let o = bitext(&[
            "align",
            ZH,
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_clean_error(&o, 2, &[name, "empty"]);
        assert!(!out.exists());
    }
}

#[test]
fn a_long_text_without_newlines_is_aligned_in_bounded_work() {
    // 2 MB per side in one line each: the segmenters split it, the DP stays banded.
    let dir = tempfile::tempdir().unwrap();
    let zh: String = zh_text().replace('\n', "").repeat(80);
    let en: String = en_text().replace('\n', " ").repeat(60);
    let (zp, ep) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zp, &zh[..zh.char_indices().nth(600_000).unwrap().0]).unwrap();
    std::fs::write(&ep, &en[..en.char_indices().nth(2_000_000).unwrap().0]).unwrap();
    let out = dir.path().join("out.tsv");
    let o = bitext(&[
        "align",
        zp.to_str().unwrap(),
        ep.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        // The text repeats itself: keep the repeated pairs TM hygiene would drop.
        "--keep-all",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = std::fs::read_to_string(&out).unwrap().lines().count();
    assert!(rows > 5_000, "{rows} rows");
}

#[test]
fn lines_of_only_punctuation_are_units_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let (zp, ep) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zp, "委员会审议了方案。\n……\n***\n会议结束。\n").unwrap();
    std::fs::write(
        &ep,
        "The Committee considered the programme.\n...\n***\nThe meeting rose.\n",
    )
    .unwrap();
    let o = bitext(&[
        "align",
        zp.to_str().unwrap(),
        ep.to_str().unwrap(),
        "--presegmented",
        "-f",
        "links",
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let ids: usize = text
        .lines()
        .skip(1)
        .map(|l| {
            l.split('\t')
                .take(2)
                .map(|c| c.split(',').filter(|x| !x.is_empty()).count())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(ids, 8, "every unit once: {text}");
}

#[test]
fn swapped_languages_are_exit_2_with_the_fix() {
    let o = bitext(&["align", EN, ZH]);
    assert_clean_error(&o, 2, &["look swapped", &format!("bitext align {ZH} {EN}")]);
}

#[test]
fn unrelated_documents_exit_1_and_write_nothing_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.tsv");
    let o = bitext(&["align", ZH, "README.md", "-o", out.to_str().unwrap()]);
    assert_clean_error(&o, 1, &["look unrelated", "--force"]);
    assert!(!out.exists());
    let o = bitext(&[
        "align",
        ZH,
        "README.md",
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn an_unwritable_output_fails_before_any_work() {
    let o = bitext(&["align", ZH, EN, "-o", "/nonexistent-dir/corpus.tsv"]);
    assert_clean_error(&o, 2, &["/nonexistent-dir/corpus.tsv", "does not exist"]);
    let dir = tempfile::tempdir().unwrap();
    let o = bitext(&["align", ZH, EN, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn output_equal_to_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    std::fs::write(&en, en_text()).unwrap();
    let o = bitext(&[
        "align",
        ZH,
        en.to_str().unwrap(),
        "-o",
        en.to_str().unwrap(),
        "-f",
        "tsv",
    ]);
    assert_clean_error(&o, 2, &["would overwrite an input"]);
    assert_eq!(std::fs::read_to_string(&en).unwrap(), en_text());
}

#[test]
fn a_failed_run_keeps_the_previous_output_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.tsv");
    std::fs::write(&out, "previous corpus\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let before = listing(dir.path());
    let o = bitext(&[
        "align",
        ZH,
        empty.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous corpus\n");
    assert_eq!(listing(dir.path()), before, "no temporary file left");
    // A successful run replaces it whole.
    let o = bitext(&["align", ZH, EN, "-o", out.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("en\tzh\t"));
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn a_killed_run_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.tsv");
    std::fs::write(&out, "previous corpus\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["align", ZH, EN, "-o", out.to_str().unwrap()])
        .current_dir(root())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let _ = child.kill();
    let _ = child.wait();
    let text = std::fs::read_to_string(&out).unwrap();
    // Either the run finished (a whole corpus) or it was killed (the old file): never a mix.
    assert!(
        text == "previous corpus\n" || text.lines().count() > 140,
        "{}",
        &text[..text.len().min(200)]
    );
}

#[test]
fn a_broken_pipe_exits_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["segment", EN, "--lang", "en"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .as_mut()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn stdin_can_be_one_input_but_not_both() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(["align", "-", EN, "-f", "links"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(zh_text().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), reference_links());
    let o = bitext(&["align", "-", "-"]);
    assert_clean_error(&o, 2, &["only one of ZH and EN can be -"]);
}

#[test]
fn a_directory_as_input_is_named() {
    let o = bitext(&["align", "data", EN]);
    assert_clean_error(&o, 2, &["data: is a directory"]);
}

#[test]
fn a_corpus_given_as_a_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["tmx", "tsv", "jsonl"] {
        let corpus = dir.path().join(format!("corpus.{format}"));
        let o = bitext(&["align", ZH, EN, "-o", corpus.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        // Under a name that says nothing: the shape is what counts.
        let renamed = dir.path().join(format!("{format}-as.txt"));
        std::fs::rename(&corpus, &renamed).unwrap();
        let o = bitext(&["align", ZH, renamed.to_str().unwrap()]);
        assert_clean_error(
            &o,
            2,
            &[
                &format!("{format}-as.txt: looks like a {}", format.to_uppercase()),
                "not a document",
            ],
        );
        let o = bitext(&["segment", renamed.to_str().unwrap(), "--lang", "en"]);
        assert_clean_error(&o, 2, &["not a document"]);
    }
}

#[test]
fn one_file_as_both_sides_is_refused() {
    let o = bitext(&["align", ZH, ZH]);
    assert_clean_error(&o, 2, &["are the same text"]);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, en_text()).unwrap();
    let o = bitext(&["align", EN, copy.to_str().unwrap()]);
    assert_clean_error(&o, 2, &["are the same text"]);
}

#[test]
fn meaningless_numbers_and_empty_inputs_are_refused_with_the_range() {
    let o = bitext(&["align", ZH, EN, "--threads", "-1"]);
    assert_clean_error(
        &o,
        2,
        &["'-1' for '--threads", "0 (one thread per core)", "1024"],
    );
    let o = bitext(&[
        "batch",
        "--manifest",
        "m.tsv",
        "-o",
        "x.tsv",
        "--threads",
        "100000",
    ]);
    assert_clean_error(&o, 2, &["'100000' for '--threads", "1024"]);
    let o = bitext(&["align", ZH, EN, "--min-score", "-0.5"]);
    assert_clean_error(&o, 2, &["'-0.5' for '--min-score", "from 0 to 1"]);
    let o = bitext(&[
        "score",
        "--ref",
        EN,
        "--hyp",
        EN,
        "--hyp",
        EN,
        "--bootstrap",
        "0",
    ]);
    assert_clean_error(&o, 2, &["'0' for '--bootstrap", "at least 1"]);
    let dir = tempfile::tempdir().unwrap();
    let (r, h) = (dir.path().join("ref.txt"), dir.path().join("hyp.txt"));
    std::fs::write(&r, "").unwrap();
    std::fs::write(&h, "").unwrap();
    let o = bitext(&[
        "score",
        "--ref",
        r.to_str().unwrap(),
        "--hyp",
        h.to_str().unwrap(),
    ]);
    assert_clean_error(&o, 2, &["no segments to score"]);
    let corpus = dir.path().join("empty.tsv");
    std::fs::write(&corpus, "en\tzh\n").unwrap();
    let o = bitext(&["check", corpus.to_str().unwrap()]);
    assert_clean_error(&o, 2, &["empty.tsv: the corpus has no translation units"]);
}

#[test]
fn an_empty_zip_is_named_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("report.docx");
    // The whole of an empty zip archive: its end-of-central-directory record.
    let mut bytes = b"PK\x05\x06".to_vec();
    bytes.extend([0u8; 18]);
    std::fs::write(&empty, bytes).unwrap();
    let o = bitext(&["align", empty.to_str().unwrap(), EN]);
    assert_clean_error(&o, 2, &["report.docx: an empty zip archive"]);
}

#[test]
fn presegmented_text_is_written_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (dir.path().join("a.zh"), dir.path().join("a.en"));
    std::fs::write(&zh, "夏天来了。\n").unwrap();
    // "été" with a combining accent (NFD): kept, not recomposed.
    std::fs::write(&en, "Summer came, e\u{301}te\u{301}.\n").unwrap();
    let o = bitext(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--presegmented",
        "-f",
        "jsonl",
        "--force",
    ]);
    let out = common::ok(&o);
    assert!(out.contains("e\u{301}te\u{301}"), "{out}");
}

/// A .docx of ~0.2 MB whose document.xml expands to ~80 MB.
fn docx_bomb(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    let paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "x".repeat(1000));
    for _ in 0..80_000 {
        zip.write_all(paragraph.as_bytes()).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_document_that_expands_past_the_limit_is_refused_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.docx");
    docx_bomb(&bomb);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let o = bitext(&["align", bomb.to_str().unwrap(), EN]);
    assert_clean_error(
        &o,
        2,
        &[
            "bomb.docx: word/document.xml expands to more than 64 MB",
            "--max-expanded-mb",
        ],
    );
    // Raised, it is read (and then found to be no Chinese report).
    let o = bitext(&[
        "align",
        bomb.to_str().unwrap(),
        EN,
        "--max-expanded-mb",
        "100",
    ]);
    assert!(
        !stderr(&o).contains("expands to more than"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ter_on_a_whole_document_on_one_line_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let line: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, line.join(" ") + "\n").unwrap();
    let p = path.to_str().unwrap();
    let o = bitext(&["score", "--ref", p, "--hyp", p, "-m", "ter"]);
    assert_clean_error(
        &o,
        2,
        &[
            "long.txt: line 1: TER",
            "quadratic",
            "-m bleu,chrf",
            "--ter-max-mb 256",
        ],
    );
    // BLEU and chrF are linear: scored.
    let o = bitext(&["score", "--ref", p, "--hyp", p, "-m", "bleu,chrf"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn lenient_reading_states_its_first_reason_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("bad.tsv");
    std::fs::write(
        &corpus,
        "en\tzh\nA.\t甲。\nbad\trow\twith\textra\nB.\t乙。\n",
    )
    .unwrap();
    let o = bitext(&[
        "convert",
        corpus.to_str().unwrap(),
        "-f",
        "jsonl",
        "--lenient",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(common::stdout(&o).lines().count(), 2);
    let err = stderr(&o);
    assert!(err.contains("skipped 1 bad row(s) (--lenient)"), "{err}");
    assert_eq!(err.matches("found 4").count(), 1, "the reason once: {err}");
    assert_eq!(err.matches("line 3").count(), 1, "the line once: {err}");
}
