//! Property: segmentation loses nothing. Sentence spans never overlap, come in order,
//! and together with reported artefacts cover every non-whitespace byte of the input.

use bitext_core::Segmenter;
use bitext_segment_zh::ChineseSegmenter;
use proptest::prelude::*;

fn check(text: &str) {
    let doc = ChineseSegmenter::new().segment(text);
    if let Err(e) = doc.check_coverage(text) {
        panic!("{e} in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn segments_cover_the_input(text in "[一二三委员会的决议。，；：（）()《》\\n 0-9a-zA-Z.、/？！”“]{0,300}") {
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
        "/../../data/cpc63-programme25/zh.txt"
    );
    check(&std::fs::read_to_string(path).unwrap());
}
