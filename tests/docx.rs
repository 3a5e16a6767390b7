//! Word documents in: the report pair as UN-style .docx files (paragraph numbers as
//! Word numbering, a table, hidden text, tracked changes, a field; made by
//! scripts/make_fixtures.py) aligns to exactly the pairs of the plain-text route.

mod common;

use common::{bitext, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeSet;

fn pairs(jsonl: &str) -> BTreeSet<(String, String)> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| {
            !r["zh_ids"].as_array().unwrap().is_empty()
                && !r["en_ids"].as_array().unwrap().is_empty()
        })
        .map(|r| {
            (
                r["zh"].as_str().unwrap().to_string(),
                r["en"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_docx_route_gives_the_pairs_of_the_text_route() {
    let docx = bitext(&[
        "align",
        "tests/fixtures/docx/zh.docx",
        "tests/fixtures/docx/en.docx",
        "-f",
        "jsonl",
    ]);
    assert!(docx.status.success(), "{}", stderr(&docx));
    let txt = bitext(&[
        "align",
        "data/cpc63-programme25/zh.txt",
        "data/cpc63-programme25/en.txt",
        "-f",
        "jsonl",
    ]);
    let (from_docx, from_txt) = (pairs(&stdout(&docx)), pairs(&stdout(&txt)));
    assert!(from_txt.len() > 140);
    assert_eq!(from_docx, from_txt);
    let out = stdout(&docx);
    // Paragraph numbers came from Word numbering into the block column, not the text.
    assert!(out.contains("\"block\":\"12\""));
    assert!(!out.contains("\"en\":\"12. "));
    // Hidden text, a tracked deletion and a field code are not text.
    for absent in ["drafting note", "XXXX", "DOCPROPERTY"] {
        assert!(!out.contains(absent), "{absent}");
    }
}

#[test]
fn word_documents_pair_by_name_in_batch_and_mix_with_text() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pairs.tsv");
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::write(
        &manifest,
        format!(
            "mixed\t{root}/tests/fixtures/docx/zh.docx\t{root}/data/cpc63-programme25/en.txt\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("c.jsonl");
    let o = bitext(&[
        "batch",
        "--manifest",
        manifest.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pairs(&std::fs::read_to_string(&out).unwrap()).len() > 140);
}

#[test]
fn a_damaged_word_document_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.docx");
    let mut bytes = std::fs::read(format!(
        "{}/tests/fixtures/docx/en.docx",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&bad, bytes).unwrap();
    let out = dir.path().join("o.tsv");
    let o = bitext(&[
        "align",
        "data/cpc63-programme25/zh.txt",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.docx"), "{}", stderr(&o));
    assert!(!out.exists());
}
