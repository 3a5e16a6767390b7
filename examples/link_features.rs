//! The verifier's evidence for every paired link the aligner's DP makes on one pair of
//! texts (the verifier stage itself left out): what `scripts/train_verifier.py` learns
//! from. Prints TSV: zh ids, en ids, the DP's score, the features
//! (`bitext_align::LinkFeatures::NAMES`), the zh and en text.
//!
//! `cargo run --release --example link_features -- ZH EN [--presegmented] > features.tsv`

use bitext_align::{links_with_features, LinkFeatures};
use bitext_pipeline::{load_config, AlignOptions, Aligner, Lang};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let presegmented = args.iter().any(|a| a == "--presegmented");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [zh_path, en_path] = files[..] else {
        anyhow::bail!("usage: link_features ZH EN [--presegmented]");
    };
    let aligner = Aligner::new(AlignOptions {
        presegmented,
        ..AlignOptions::default()
    })?;
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{p}: {e}"));
    let alignment = aligner.align_unchecked(&read(zh_path)?, &read(en_path)?);
    let mut config = load_config(
        aligner.segmenter(Lang::Zh),
        aligner.segmenter(Lang::En),
        aligner.options(),
    )?;
    config.verifier = None;
    let (zh, en) = (&alignment.zh, &alignment.en);
    let blocks = (!presegmented).then_some((&zh.blocks[..], &en.blocks[..]));
    let ids = |v: &[usize]| {
        v.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let text = |side: &bitext_pipeline::Side, ids: &[usize]| {
        let joined: Vec<&str> = ids.iter().map(|&i| side.body[i].as_str()).collect();
        joined.join(" ").replace(['\t', '\n'], " ")
    };
    println!(
        "zh\ten\tdp_score\t{}\tzh_text\ten_text",
        LinkFeatures::NAMES.join("\t")
    );
    for (link, features) in links_with_features(&zh.units, &en.units, blocks, &config) {
        let Some(f) = features else { continue };
        let values: Vec<String> = f.values().iter().map(|v| format!("{v:.4}")).collect();
        println!(
            "{}\t{}\t{:.4}\t{}\t{}\t{}",
            ids(&link.zh),
            ids(&link.en),
            link.score,
            values.join("\t"),
            text(zh, &link.zh),
            text(en, &link.en)
        );
    }
    Ok(())
}
