//! Property: random Unicode through both segmenters and the aligner never panics, and
//! every unit of both sides appears in exactly one link.

use bitext_align::{align_blocks_then_units, align_units, Config, Unit};
use bitext_core::{fold_width, Document, Segmenter};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use proptest::prelude::*;

fn units(seg: &dyn Segmenter, doc: &Document) -> (Vec<Unit>, Vec<std::ops::Range<usize>>) {
    let mut units = Vec::new();
    let mut blocks = Vec::new();
    for b in doc.text_blocks() {
        let start = units.len();
        for s in &b.sentences {
            units.push(Unit {
                tokens: seg.lexical_tokens(s.body()).into(),
                anchors: seg.anchors(&s.text),
                length: seg.length(&s.text),
                text: fold_width(&s.text).to_lowercase(),
                part: 0,
                ending: bitext_core::Ending::of(&fold_width(&s.text).to_lowercase()),
            });
        }
        blocks.push(start..units.len());
    }
    (units, blocks)
}

fn each_once(links: &[bitext_core::Link], n: usize, m: usize) {
    let mut z: Vec<usize> = links.iter().flat_map(|l| l.zh.clone()).collect();
    let mut e: Vec<usize> = links.iter().flat_map(|l| l.en.clone()).collect();
    z.sort_unstable();
    e.sort_unstable();
    assert_eq!(z, (0..n).collect::<Vec<_>>());
    assert_eq!(e, (0..m).collect::<Vec<_>>());
    assert!(links.iter().all(|l| (0.0..=1.0).contains(&l.score)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn segment_and_align_cover_every_unit(
        zh in "(\\PC|[。，\\n 0-9委员会决议]){0,400}",
        en in "(\\PC|[.,\\n 0-9a-zA-Z]){0,400}",
    ) {
        let (zs, es) = (ChineseSegmenter::new(), EnglishSegmenter::new());
        let (zd, ed) = (zs.segment(&zh), es.segment(&en));
        let (zu, zb) = units(&zs, &zd);
        let (eu, eb) = units(&es, &ed);
        let config = Config::default();
        each_once(&align_units(&zu, &eu, &config), zu.len(), eu.len());
        each_once(&align_blocks_then_units(&zu, &eu, &zb, &eb, &config), zu.len(), eu.len());
    }
}
