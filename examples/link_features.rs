//! The evidence of every paired link the aligner makes on the dev streams (coverage
//! both ways, anchors, length, neighbours' confidence), with whether the gold has it:
//! data for studying wrong links and for training a link classifier.
//! `cargo run --release --example link_features -- [SHARED_DIR] > features.tsv`

mod common;

use bitext_align::{align_units, explain};
use bitext_pipeline::{load_config, AlignOptions};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::collections::HashSet;

fn main() -> anyhow::Result<()> {
    let shared = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared".into());
    let (zs, es) = (ChineseSegmenter::new(), EnglishSegmenter::new());
    let config = load_config(&zs, &es, &AlignOptions::default())?;
    println!("theme\tzh\ten\ttype\tscore\tlogit\tlexical\tanchors\tlabels\tlength\tpenalty\tcoverage_en\tknown_en\tcoverage_zh\tknown_zh\tanchors_matched\tanchors_missed\tlatin_hits\tlength_z\tprev_score\tnext_score\tcorrect");
    for theme in common::DEV_THEMES {
        let (zh, en, gold) = common::dev_theme(&shared, theme, &zs, &es)?;
        let gold: HashSet<(Vec<usize>, Vec<usize>)> = gold
            .into_iter()
            .filter(|(z, e)| !z.is_empty() && !e.is_empty())
            .map(|(z, e)| (z.into_iter().collect(), e.into_iter().collect()))
            .collect();
        let links = align_units(&zh.units, &en.units, &config);
        let paired: Vec<usize> = (0..links.len()).filter(|&k| links[k].is_paired()).collect();
        let ranges: Vec<_> = paired
            .iter()
            .map(|&k| {
                let l = &links[k];
                (
                    l.zh[0]..l.zh[l.zh.len() - 1] + 1,
                    l.en[0]..l.en[l.en.len() - 1] + 1,
                )
            })
            .collect();
        let evidence = explain(&zh.units, &en.units, &config, &ranges);
        for (&k, ev) in paired.iter().zip(&evidence) {
            let l = &links[k];
            let neighbour = |k: Option<usize>| {
                k.and_then(|k| links.get(k))
                    .map_or(1.0, |n| if n.is_paired() { n.score } else { 0.0 })
            };
            let ids = |v: &[usize]| {
                v.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let correct = gold.contains(&(l.zh.clone(), l.en.clone()));
            println!(
                "{theme}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.1}\t{:.4}\t{:.4}\t{:.4}\t{}",
                ids(&l.zh),
                ids(&l.en),
                l.link_type(),
                l.score,
                ev.logit,
                ev.lexical,
                ev.anchors,
                ev.labels,
                ev.length,
                ev.penalty,
                ev.coverage_en,
                ev.known_en,
                ev.coverage_zh,
                ev.known_zh,
                ev.anchors_matched,
                ev.anchors_missed,
                ev.latin_hits,
                ev.length_z,
                neighbour(k.checked_sub(1)),
                neighbour(Some(k + 1)),
                u8::from(correct)
            );
        }
    }
    Ok(())
}
