//! Anchor agreement over the gold links of the report pair: the mean Jaccard of the
//! zh and en anchor key sets per link, and the links where they differ.
//! `cargo run --release --example anchor_agreement`

use bitext_core::{AnchorKind, Segmenter};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::collections::BTreeSet;

fn main() {
    let gold = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/cpc63-programme25/gold.tsv"
    ))
    .expect("gold.tsv");
    let (zh, en) = (ChineseSegmenter::new(), EnglishSegmenter::new());
    let keys = |seg: &dyn Segmenter, text: &str| -> BTreeSet<String> {
        seg.anchors(text)
            .into_iter()
            .filter(|a| a.kind != AnchorKind::Latin || seg.lang() == bitext_core::Lang::Zh)
            .map(|a| a.to_string())
            .collect()
    };
    let (mut sum, mut n, mut differ) = (0.0, 0usize, Vec::new());
    for line in gold.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[1].is_empty() || cols[2].is_empty() {
            continue;
        }
        let z = keys(&zh, cols[1]);
        // zh Latin tokens are matched against the English text, as the aligner does.
        let e: BTreeSet<String> = keys(&en, cols[2])
            .into_iter()
            .chain(
                z.iter()
                    .filter(|k| k.starts_with("latin:") && cols[2].to_lowercase().contains(&k[6..]))
                    .cloned(),
            )
            .collect();
        let union = z.union(&e).count();
        let jaccard = if union == 0 {
            1.0
        } else {
            z.intersection(&e).count() as f64 / union as f64
        };
        sum += jaccard;
        n += 1;
        if jaccard < 1.0 {
            let only_zh: Vec<_> = z.difference(&e).collect();
            let only_en: Vec<_> = e.difference(&z).collect();
            differ.push(format!(
                "block {:>7}: zh only {only_zh:?}, en only {only_en:?}",
                cols[0]
            ));
        }
    }
    println!(
        "gold links {n}, mean anchor Jaccard {:.3}, links with differences {}",
        sum / n as f64,
        differ.len()
    );
    for d in differ {
        println!("  {d}");
    }
}
