//! Both anchor extractors and label parsers on arbitrary text: no panic, and a label
//! length never runs past the text.
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
        let anchors = seg.anchors(text);
        assert!(anchors.iter().all(|a| !a.key.is_empty()));
        let (len, _) = seg.leading_label(text);
        assert!(len <= text.len() && text.is_char_boundary(len));
        let _ = seg.lexical_tokens(text);
    }
});
