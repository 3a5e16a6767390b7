//! The segment stage takes footnote markers out of each sentence once: the sentence
//! keeps its text as written, and says what the aligner reads and which anchors it has.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;

#[test]
fn markers_are_references_not_anchors() {
    let seg = EnglishSegmenter::new();
    let doc = seg.segment("2. The Under-Secretary-General for Operational Support,13 the Assistant Secretary-General and others introduced the programme of 2023.\n");
    let s = doc.sentences().next().unwrap();
    assert!(
        s.text.contains("Support,13 the"),
        "the text is kept as written"
    );
    assert_eq!(s.footnote_refs, ["13"]);
    assert!(s.aligned_text().contains("Support, the"));
    assert!(s.aligned_body().starts_with("The Under-Secretary-General"));
    let keys = bitext_core::Anchor::keys(&s.anchors);
    assert!(keys.contains(&"year:2023".to_string()), "{keys:?}");
    assert!(
        !keys.iter().any(|k| k.ends_with(":13")),
        "a marker is no anchor: {keys:?}"
    );
    // What the anchors of the aligned text are, found again, is what the sentence has.
    assert_eq!(s.anchors, seg.anchors(s.aligned_text()));
}
