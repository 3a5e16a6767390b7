//! The en segmenter on arbitrary text: no panic, and nothing lost (sentence and
//! artefact spans cover every non-whitespace byte; sentences are in order).
#![no_main]

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use libfuzzer_sys::fuzz_target;

static SEGMENTER: std::sync::OnceLock<EnglishSegmenter> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = SEGMENTER.get_or_init(EnglishSegmenter::new).segment(text);
    if let Err(e) = doc.check_coverage(text) {
        panic!("{e}");
    }
});
