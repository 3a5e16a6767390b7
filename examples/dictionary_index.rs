//! The built-in dictionary's lookup table from its glossary: every row tokenised by the
//! segmenters the aligner uses (Chinese character n-grams, English stems), written as a
//! `bitext_align::SortedLexicon` (`zh token<TAB>en token …`, sorted), which the aligner
//! reads without parsing it whole. Run by `scripts/build_cedict_glossary.py`.
//!
//! `cargo run --release --example dictionary_index -- GLOSSARY.tsv > crates/pipeline/data/lexicon/cedict.tsv`

use bitext_align::SortedLexicon;
use bitext_pipeline::glossary::glossary_from_tsv;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        anyhow::bail!("usage: dictionary_index GLOSSARY.tsv > INDEX.tsv");
    };
    let text = std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let (zh, en) = (ChineseSegmenter::new(), EnglishSegmenter::new());
    let glossary = glossary_from_tsv(&zh, &en, &text, &path)?;
    let index = SortedLexicon::write(&glossary.pairs);
    // The table must read back as written.
    SortedLexicon::new(index.clone(), 1.0).map_err(|e| anyhow::anyhow!(e))?;
    std::io::stdout().lock().write_all(index.as_bytes())?;
    Ok(())
}
