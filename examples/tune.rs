//! Sensitivity of alignment accuracy to the link-score weights, on the development
//! gold (`../shared/data/un2023`, health and peace). This is how the defaults of
//! `bitext_align::Params` were checked; it prints strict F1 per theme for each
//! setting of one parameter at a time.
//! `cargo run --release --example tune -- [SHARED_DIR] [MAC_DEV_DIR]`
//!
//! With `MAC_DEV_DIR` (MAC-Dev, the literary development set published with
//! Bertalign, laid out by `scripts/bench_mac.sh --dev`), a third column is its strict
//! F1 micro-averaged over its chapters: a check that a setting chosen for UN text
//! does not hurt a literary translation. MAC-Test is never used here.

mod common;

use bitext_align::{align_units, eval, Config, Params};
use bitext_pipeline::{load_config, AlignOptions};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;

fn main() -> anyhow::Result<()> {
    let shared = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared".into());
    let mac_dev = std::env::args().nth(2);
    let (zs, es) = (ChineseSegmenter::new(), EnglishSegmenter::new());
    let base = load_config(&zs, &es, &AlignOptions::default())?;
    let mut themes = Vec::new();
    for theme in common::DEV_THEMES {
        let (zh, en, gold) = common::dev_theme(&shared, theme, &zs, &es)?;
        themes.push((theme, zh, en, gold));
    }
    let literary = match &mac_dev {
        Some(dir) => common::literary_dev(dir, &zs, &es)?,
        None => Vec::new(),
    };
    let predict = |zh: &bitext_pipeline::units::Side,
                   en: &bitext_pipeline::units::Side,
                   params: &Params,
                   config: &Config|
     -> Vec<eval::IdLink> {
        let config = Config {
            params: params.clone(),
            ..config.clone()
        };
        align_units(&zh.units, &en.units, &config)
            .iter()
            .map(|l| {
                (
                    l.zh.iter().copied().collect(),
                    l.en.iter().copied().collect(),
                )
            })
            .collect()
    };
    let score_with = |params: &Params, config: &Config| -> Vec<f64> {
        let mut f1: Vec<f64> = themes
            .iter()
            .map(|(_, zh, en, gold)| eval::score(gold, &predict(zh, en, params, config)).f1)
            .collect();
        if !literary.is_empty() {
            // Micro-averaged over the chapters, as MAC results are reported.
            let (mut right, mut predicted, mut gold_links) = (0.0, 0, 0);
            for (zh, en, gold) in &literary {
                let s = eval::score(gold, &predict(zh, en, params, config));
                right += s.precision * s.predicted_links as f64;
                predicted += s.predicted_links;
                gold_links += s.gold_links;
            }
            let (p, r) = (right / predicted as f64, right / gold_links as f64);
            f1.push(2.0 * p * r / (p + r));
        }
        f1
    };
    let score = |params: &Params| score_with(params, &base);
    let d = Params::default();
    println!("default {:?}", score(&d));
    // Baselines: what each source of evidence adds.
    let length_only = Params {
        lexical_weight: 0.0,
        lexical_unknown: 0.0,
        anchor_match: 0.0,
        anchor_miss: 0.0,
        latin_match: 0.0,
        label_match: 0.0,
        label_mismatch: 0.0,
        bias: 1.0,
        ..d.clone()
    };
    let no_lexicon = Config {
        lexicon_rounds: 0,
        glossary: Default::default(),
        ..base.clone()
    };
    let glossary_only = Config {
        lexicon_rounds: 0,
        ..base.clone()
    };
    let with_anchors = Params {
        lexical_weight: 0.0,
        lexical_unknown: 0.0,
        bias: 1.0,
        ..d.clone()
    };
    println!(
        "baseline length only (DP, gap prior)       {:?}",
        score_with(&length_only, &no_lexicon)
    );
    println!(
        "baseline length + anchors                  {:?}",
        score_with(&with_anchors, &no_lexicon)
    );
    println!(
        "baseline length + anchors + built-in terms {:?}",
        score_with(&d, &glossary_only)
    );
    println!("full (lexicon learned from the input)      {:?}", score(&d));
    type Setter = fn(&mut Params, f64);
    let grid: Vec<(&str, Setter, Vec<f64>)> = vec![
        (
            "gap_open",
            |p, v| p.gap_open = v,
            vec![0.0, 0.5, 1.0, 1.5, 2.0],
        ),
        (
            "lexical_mid",
            |p, v| p.lexical_mid = v,
            vec![0.2, 0.25, 0.3, 0.35, 0.4],
        ),
        (
            "lexical_weight",
            |p, v| p.lexical_weight = v,
            vec![6.0, 8.0, 10.0, 12.0, 15.0],
        ),
        (
            "anchor_match",
            |p, v| p.anchor_match = v,
            vec![0.4, 0.8, 1.2],
        ),
        (
            "anchor_miss",
            |p, v| p.anchor_miss = v,
            vec![0.25, 0.5, 0.75],
        ),
        (
            "length_weight",
            |p, v| p.length_weight = v,
            vec![0.5, 1.0, 1.5],
        ),
        (
            "penalty_1_2",
            |p, v| p.penalty_1_2 = v,
            vec![0.4, 0.8, 1.2, 1.6],
        ),
        (
            "moved_threshold",
            |p, v| p.moved_threshold = v,
            vec![3.0, 4.0, 5.0, 6.0, 8.0],
        ),
        (
            "complete_bias",
            |p, v| p.complete_bias = v,
            vec![1.0, 2.0, 3.0, 4.0],
        ),
        (
            "one_sided_reference",
            |p, v| p.one_sided_reference = v,
            vec![0.1, 0.15, 0.2, 0.3],
        ),
        (
            "lexical_unknown",
            |p, v| p.lexical_unknown = v,
            vec![-1.0, -0.5, 0.0],
        ),
    ];
    for (name, set, values) in grid {
        let row: Vec<String> = values
            .iter()
            .map(|&v| {
                let mut p = d.clone();
                set(&mut p, v);
                let f = score(&p);
                let cells: Vec<String> = f.iter().map(|x| format!("{x:.4}")).collect();
                format!("{v}: {}", cells.join("/"))
            })
            .collect();
        println!("{name:16} {}", row.join("  "));
    }
    Ok(())
}
