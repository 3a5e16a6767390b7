//! Property: segmentation loses nothing. Sentence spans never overlap, come in order,
//! and together with reported artefacts cover every non-whitespace byte of the input.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use proptest::prelude::*;

fn check(text: &str) {
    let doc = EnglishSegmenter::new().segment(text);
    if let Err(e) = doc.check_coverage(text) {
        panic!("{e} in {text:?}");
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
