//! What the examples share: the dev themes of `../shared` with their gold links.

use bitext_align::eval::{self, IdLink};
use bitext_pipeline::units::{presegmented, Side};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;

/// The un2023 themes that have gold alignments.
pub const DEV_THEMES: [&str; 2] = ["health", "peace"];

/// A dev theme read from `shared`: its zh and en streams as presegmented units, and
/// its gold links.
pub fn dev_theme(
    shared: &str,
    theme: &str,
    zs: &ChineseSegmenter,
    es: &EnglishSegmenter,
) -> anyhow::Result<(Side, Side, Vec<IdLink>)> {
    let read = |p: String| std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("{p}: {e}"));
    let zh = presegmented(
        zs,
        &read(format!("{shared}/data/un2023/streams/{theme}.zh.txt"))?,
    );
    let en = presegmented(
        es,
        &read(format!("{shared}/data/un2023/streams/{theme}.en.txt"))?,
    );
    let gold = eval::parse_links(
        &read(format!("{shared}/data/un2023/gold/{theme}.gold.tsv"))?,
        theme,
    )?;
    Ok((zh, en, gold))
}
