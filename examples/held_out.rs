//! Align one pair of texts as `bitext align -f links` does, but with the link verifier
//! read from a weights table (as `scripts/train_verifier.py --write` writes it) instead
//! of the shipped one. `scripts/train_verifier.py` runs it with the weights fitted
//! without a data set to measure the whole pipeline — the verifier's rejections and
//! the gap filling after them included — on that held-out data set.
//!
//! `cargo run --release --example held_out -- ZH EN WEIGHTS [--presegmented] > links.tsv`

use bitext_align::{align_blocks_then_units, align_units, Verifier};
use bitext_formats::CorpusWriter;
use bitext_pipeline::{load_config, AlignOptions, Aligner, Format, Lang, WriterOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let presegmented = args.iter().any(|a| a == "--presegmented");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [zh_path, en_path, weights_path] = files[..] else {
        anyhow::bail!("usage: held_out ZH EN WEIGHTS [--presegmented]");
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{p}: {e}"));
    let verifier = Verifier::from_table(&read(weights_path)?)
        .map_err(|e| anyhow::anyhow!("{weights_path}: {e}"))?;
    let aligner = Aligner::new(AlignOptions {
        presegmented,
        ..AlignOptions::default()
    })?;
    // The shipped verifier's links are replaced below; only the sides are kept.
    let mut alignment = aligner.align_unchecked(&read(zh_path)?, &read(en_path)?);
    let mut config = load_config(
        aligner.segmenter(Lang::Zh),
        aligner.segmenter(Lang::En),
        aligner.options(),
    )?;
    config.verifier = Some(verifier);
    let (zh, en) = (&alignment.zh, &alignment.en);
    alignment.links = if presegmented {
        align_units(&zh.units, &en.units, &config)
    } else {
        align_blocks_then_units(&zh.units, &en.units, &zh.blocks, &en.blocks, &config)
    };
    let stdout = std::io::stdout();
    let mut writer = CorpusWriter::new(stdout.lock(), Format::Links, WriterOptions::default())?;
    for record in alignment.records() {
        writer.write(&record)?;
    }
    writer.finish()?;
    Ok(())
}
