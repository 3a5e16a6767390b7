//! The segmenters on the bundled report pair, checked against its sentence gold.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::collections::BTreeSet;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/data/cpc63-programme25/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Byte offsets (in the white-space-free concatenation) where pieces end.
fn boundaries<'a>(pieces: impl Iterator<Item = &'a str>) -> (String, BTreeSet<usize>) {
    let mut all = String::new();
    let mut ends = BTreeSet::new();
    for p in pieces {
        all.push_str(&squash(p));
        ends.insert(all.len());
    }
    (all, ends)
}

fn gold_column(col: usize) -> Vec<String> {
    read("gold.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(col).map(str::to_string))
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn sentences(seg: &dyn Segmenter, file: &str) -> Vec<String> {
    seg.segment(&read(file))
        .sentences()
        .map(|s| s.text.clone())
        .collect()
}

#[test]
fn every_gold_link_boundary_is_a_sentence_boundary() {
    for (seg, file, col, gold_count) in [
        (
            &ChineseSegmenter::new() as &dyn Segmenter,
            "zh.txt",
            1,
            154usize,
        ),
        (&EnglishSegmenter::new() as &dyn Segmenter, "en.txt", 2, 157),
    ] {
        let ours = sentences(seg, file);
        let gold = gold_column(col);
        let (ours_text, ours_ends) = boundaries(ours.iter().map(String::as_str));
        let (gold_text, gold_ends) = boundaries(gold.iter().map(String::as_str));
        assert_eq!(
            ours_text, gold_text,
            "{file}: the sentences do not reproduce the gold text"
        );
        let missing: Vec<_> = gold_ends.difference(&ours_ends).collect();
        assert!(
            missing.is_empty(),
            "{file}: gold boundaries that are not sentence boundaries: {missing:?}"
        );
        assert!(
            ours.len().abs_diff(gold_count) <= 2,
            "{file}: {} sentences, gold {gold_count}",
            ours.len()
        );
    }
}

#[test]
fn the_pdf_layout_english_gives_the_clean_english_sentences() {
    let seg = EnglishSegmenter::new();
    assert_eq!(sentences(&seg, "en.txt"), sentences(&seg, "en.clean.txt"));
}

#[test]
fn page_debris_is_reported_not_dropped() {
    let doc = EnglishSegmenter::new().segment(&read("en.txt"));
    let debris: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == bitext_core::BlockKind::Artifact)
        .map(|b| b.sentences[0].text.clone())
        .collect();
    assert_eq!(
        debris,
        ["23-11234", "1/5", "23-11234", "2/5", "23-11234", "3/5", "23-11234", "4/5"]
    );
}
