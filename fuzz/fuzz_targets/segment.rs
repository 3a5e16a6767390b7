//! Both segmenters on arbitrary text, every entry point: no panic; nothing lost
//! (sentence and artefact spans cover every non-whitespace byte; sentences are in
//! order); no empty anchor key; a label length never runs past the text. Each input
//! goes to both: Chinese text met by the English segmenter and the other way round
//! are inputs users send too.
#![no_main]

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use libfuzzer_sys::fuzz_target;

static ZH: std::sync::OnceLock<ChineseSegmenter> = std::sync::OnceLock::new();
static EN: std::sync::OnceLock<EnglishSegmenter> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for seg in [ZH.get_or_init(ChineseSegmenter::new) as &dyn Segmenter, EN.get_or_init(EnglishSegmenter::new)] {
        if let Err(e) = seg.segment(text).check_coverage(text) {
            panic!("{e}");
        }
        let anchors = seg.anchors(text);
        assert!(anchors.iter().all(|a| !a.key.is_empty()));
        let (len, _) = seg.leading_label(text);
        assert!(len <= text.len() && text.is_char_boundary(len));
        let _ = seg.lexical_tokens(text);
    }
});
