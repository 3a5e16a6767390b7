//! Property, for both languages' segmenters: segmentation loses nothing. Sentence
//! spans never overlap, come in order, and together with reported artefacts cover
//! every non-whitespace byte of the input.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use proptest::prelude::*;

fn check(seg: &dyn Segmenter, text: &str) {
    let doc = seg.segment(text);
    if let Err(e) = doc.check_coverage(text) {
        panic!("{e} in {text:?}");
    }
}

fn both() -> [Box<dyn Segmenter>; 2] {
    [
        Box::new(ChineseSegmenter::new()),
        Box::new(EnglishSegmenter::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn english_like_text_is_covered(text in "[a-zA-Z0-9 .,;:()\\-\\n?!\\x{201C}\\x{201D}/]{0,300}") {
        check(&EnglishSegmenter::new(), &text);
    }

    #[test]
    fn chinese_like_text_is_covered(text in "[一二三委员会的决议。，；：（）()《》\\n 0-9a-zA-Z.、/？！”“]{0,300}") {
        check(&ChineseSegmenter::new(), &text);
    }

    #[test]
    fn arbitrary_unicode_never_panics_and_is_covered(text in "\\PC{0,200}") {
        for seg in both() {
            check(seg.as_ref(), &text);
        }
    }
}

#[test]
fn the_report_pair_is_covered() {
    for (seg, lang) in both().iter().zip(["zh", "en"]) {
        let path = format!(
            "{}/../../data/cpc63-programme25/{lang}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        check(seg.as_ref(), &std::fs::read_to_string(path).unwrap());
    }
}
