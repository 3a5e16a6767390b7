//! Property: segmentation loses nothing. Sentence spans never overlap, come in order,
//! and together with reported artefacts cover every non-whitespace byte of the input.

use bitext_core::{BlockKind, Segmenter};
use bitext_segment_en::EnglishSegmenter;
use proptest::prelude::*;

fn check(text: &str) {
    let doc = EnglishSegmenter::new().segment(text);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for block in &doc.blocks {
        for s in &block.sentences {
            assert!(s.start <= s.end && s.end <= text.len(), "span out of range");
            if block.kind != BlockKind::Artifact {
                assert!(s.start >= last_end, "sentences overlap or go backwards");
                last_end = s.end;
            }
            for c in covered.iter_mut().take(s.end).skip(s.start) {
                *c = true;
            }
        }
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert!(covered[i], "byte {i} ({c:?}) of {text:?} is in no unit");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn segments_cover_the_input(text in "[a-zA-Z0-9 .,;:()\\-\\n?!\\x{201C}\\x{201D}/]{0,300}") {
        check(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics_and_is_covered(text in "\\PC{0,200}") {
        check(&text);
    }
}

#[test]
fn the_report_pair_is_covered() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/cpc63-programme25/en.txt"
    );
    check(&std::fs::read_to_string(path).unwrap());
}
