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

/// A literary development set in Bertalign's layout (MAC-Dev: `NNN.zh`, `NNN.en`, one
/// sentence a line, and `NNN.gold`, lines `[zh ids]:[en ids]`): every chapter found in
/// `dir`, as presegmented units and gold links. MAC-Dev's chapters are not MAC-Test's.
pub fn literary_dev(
    dir: &str,
    zs: &ChineseSegmenter,
    es: &EnglishSegmenter,
) -> anyhow::Result<Vec<(Side, Side, Vec<IdLink>)>> {
    let read = |p: String| std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("{p}: {e}"));
    let mut out = Vec::new();
    for k in 1.. {
        let stem = format!("{dir}/{k:03}");
        if !std::path::Path::new(&format!("{stem}.gold")).exists() {
            break;
        }
        let ids = |s: &str| -> std::collections::BTreeSet<usize> {
            s.trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect()
        };
        let gold = read(format!("{stem}.gold"))?
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(z, e)| (ids(z), ids(e)))
            .collect();
        out.push((
            presegmented(zs, &read(format!("{stem}.zh"))?),
            presegmented(es, &read(format!("{stem}.en"))?),
            gold,
        ));
    }
    Ok(out)
}
