//! The zh segmenter on arbitrary text: no panic, and nothing lost (sentence and
//! artefact spans cover every non-whitespace byte; sentences are in order).
#![no_main]

use bitext_core::{BlockKind, Segmenter};
use bitext_segment_zh::ChineseSegmenter;
use libfuzzer_sys::fuzz_target;

static SEGMENTER: std::sync::OnceLock<ChineseSegmenter> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = SEGMENTER.get_or_init(ChineseSegmenter::new).segment(text);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for block in &doc.blocks {
        for s in &block.sentences {
            assert!(s.start <= s.end && s.end <= text.len());
            if block.kind != BlockKind::Artifact {
                assert!(s.start >= last_end);
                last_end = s.end;
            }
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        }
    }
    for (i, c) in text.char_indices() {
        assert!(c.is_whitespace() || covered[i], "byte {i} lost");
    }
});
