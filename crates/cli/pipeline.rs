//! From decoded texts to alignment records: segmentation, units, the aligner, and the
//! records the writers take.

use anyhow::{bail, Context, Result};
use bitext_align::{align_blocks_then_units, align_units, Config, Glossary, Unit};
use bitext_core::{fold_width, BlockKind, Document, Link, ScriptCounts, Segmenter};
use bitext_formats::Record;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::collections::BTreeSet;

/// The glossary shipped with bitext (`data/glossary/un-core.tsv`): core UN terms,
/// also the starter glossary of `bitext check`.
pub const BUILTIN_GLOSSARY: &str = include_str!("../../data/glossary/un-core.tsv");
/// Common words of UN prose with their usual rendering: alignment evidence only, too
/// variable to check terminology against.
pub const BUILTIN_COMMON_WORDS: &str = include_str!("../../data/glossary/un-common-words.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Sentence,
    Paragraph,
}

/// One side's units with what the records need.
#[derive(Debug, Default)]
pub struct Side {
    pub units: Vec<Unit>,
    /// Text written to the corpus (leading label moved out).
    pub body: Vec<String>,
    /// Block label or kind of each unit.
    pub block: Vec<Option<String>>,
    /// Unit id ranges of blocks (raw documents only).
    pub blocks: Vec<std::ops::Range<usize>>,
}

pub fn unit(seg: &dyn Segmenter, text: &str, body: &str) -> Unit {
    Unit {
        tokens: seg.lexical_tokens(body),
        anchors: seg.anchors(text),
        length: seg.length(text),
        text: fold_width(text).to_lowercase(),
    }
}

/// Presegmented input: one unit per line, as given.
pub fn presegmented(seg: &dyn Segmenter, text: &str) -> Side {
    let mut side = Side::default();
    let text = text.strip_suffix('\n').unwrap_or(text);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (label_len, label) = seg.leading_label(line);
        let body = if label_len < line.len() {
            &line[label_len..]
        } else {
            line
        };
        side.units.push(unit(seg, line, body));
        side.body.push(body.to_string());
        side.block.push(label);
    }
    side
}

fn block_name(kind: BlockKind, label: &Option<String>) -> Option<String> {
    match (kind, label) {
        (_, Some(l)) => Some(l.clone()),
        (BlockKind::Paragraph, None) => None,
        (kind, None) => Some(kind.as_str().to_string()),
    }
}

/// A segmented document as units (sentences, or blocks at paragraph level).
pub fn from_document(seg: &dyn Segmenter, doc: &Document, level: Level) -> Side {
    let mut side = Side::default();
    for block in doc.text_blocks() {
        let start = side.units.len();
        let name = block_name(block.kind, &block.label);
        match level {
            Level::Sentence => {
                for s in &block.sentences {
                    side.units.push(unit(seg, &s.text, s.body()));
                    side.body.push(s.body().to_string());
                    side.block.push(name.clone());
                }
            }
            Level::Paragraph => {
                let text = block.text(doc.lang);
                let label_len = block.sentences.first().map_or(0, |s| s.label_len);
                let body = text[label_len.min(text.len())..].to_string();
                side.units.push(unit(seg, &text, &body));
                side.body.push(body);
                side.block.push(name);
            }
        }
        side.blocks.push(start..side.units.len());
    }
    side
}

/// Tokenise glossary pairs (`en<TAB>zh` with `|`-separated zh alternatives).
pub fn glossary_from_tsv(
    zh: &ChineseSegmenter,
    en: &EnglishSegmenter,
    text: &str,
    name: &str,
) -> Result<Glossary> {
    let mut g = Glossary::default();
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, l)| l.to_lowercase())
        .unwrap_or_default();
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    let (Some(en_col), Some(zh_col)) = (
        cols.iter().position(|c| *c == "en"),
        cols.iter().position(|c| *c == "zh"),
    ) else {
        bail!("{name}: line 1: the header must name the columns en and zh (tab-separated)");
    };
    for (n, line) in lines {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(e), Some(z)) = (fields.get(en_col), fields.get(zh_col)) else {
            bail!(
                "{name}: line {}: expected at least {} tab-separated fields",
                n + 1,
                en_col.max(zh_col) + 1
            );
        };
        let en_tokens = en.lexical_tokens(e);
        for z in z.split('|').filter(|z| !z.trim().is_empty()) {
            g.pairs.push((zh.lexical_tokens(z), en_tokens.clone()));
        }
    }
    Ok(g)
}

/// Read a lexicon written by `bitext lexicon train`: `zh<TAB>en<TAB>weight`.
pub fn lexicon_from_tsv(text: &str, name: &str) -> Result<Glossary> {
    let mut g = Glossary::default();
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.starts_with("zh\t") || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let w = f.get(2).and_then(|w| w.trim().parse::<f32>().ok());
        match (f.first(), f.get(1), w) {
            (Some(z), Some(e), Some(w)) => g.associations.push((z.to_string(), e.to_string(), w)),
            _ => bail!("{name}: line {}: expected zh<TAB>en<TAB>weight", n + 1),
        }
    }
    Ok(g)
}

/// Refuse swapped inputs: the "zh" file written in Latin script and the "en" file in Han.
pub fn check_languages(zh_name: &str, zh_text: &str, en_name: &str, en_text: &str) -> Result<()> {
    let zh = ScriptCounts::of(zh_text).han_share();
    let en = ScriptCounts::of(en_text).han_share();
    if zh < 0.2 && en > 0.5 {
        bail!(
            "the languages look swapped: {zh_name} (given as ZH) is mostly Latin script and {en_name} (given as EN) is mostly Chinese; put the Chinese file first: bitext align {en_name} {zh_name}"
        );
    }
    if zh < 0.05 {
        bail!("{zh_name}: given as the Chinese file but it contains almost no Chinese characters");
    }
    if en > 0.5 {
        bail!("{en_name}: given as the English file but it is mostly Chinese");
    }
    Ok(())
}

/// Everything an alignment run produced.
#[derive(Debug)]
pub struct Aligned {
    pub zh: Side,
    pub en: Side,
    pub links: Vec<Link>,
}

/// Below this share of units in paired links, two texts are not translations of each
/// other (measured: 70–100% for real pairs, under 15% for unrelated ones).
pub const UNRELATED_PAIRED_SHARE: f64 = 0.3;

/// Everything needed to align documents: the segmenters, the aligner's configuration
/// and optional SRX sentence rules. Built once, shared by all documents of a run.
#[derive(Debug)]
pub struct DocAligner {
    pub zh: ChineseSegmenter,
    pub en: EnglishSegmenter,
    pub config: Config,
    pub srx: Option<crate::srx_mode::SrxRules>,
    /// Input lines are units (no cleaning, no segmentation).
    pub lines_are_units: bool,
    pub level: Level,
}

impl DocAligner {
    /// Segmenters, built-in terms unless `builtin` is false, user glossaries and
    /// lexicons, optional SRX rules (`default` or a file).
    pub fn new(
        builtin: bool,
        glossaries: &[std::path::PathBuf],
        lexicons: &[std::path::PathBuf],
        srx: Option<&str>,
        lines_are_units: bool,
        level: Level,
    ) -> Result<Self> {
        let zh = ChineseSegmenter::new();
        let en = EnglishSegmenter::new();
        let config = config(&zh, &en, builtin, glossaries, lexicons)?;
        let srx = srx.map(crate::srx_mode::SrxRules::load).transpose()?;
        Ok(DocAligner {
            zh,
            en,
            config,
            srx,
            lines_are_units,
            level,
        })
    }

    /// Segment (unless presegmented) and align two decoded texts.
    pub fn align_texts(&self, zh_text: &str, en_text: &str) -> Aligned {
        let (zs, es) = (&self.zh, &self.en);
        if self.lines_are_units {
            let (zh, en) = rayon::join(|| presegmented(zs, zh_text), || presegmented(es, en_text));
            return align(zh, en, &self.config, false);
        }
        let (zh_doc, en_doc) = match &self.srx {
            Some(rules) => rayon::join(
                || zs.segment_with(zh_text, &|t: &str| rules.split_zh(t)),
                || es.segment_with(en_text, &|t: &str| rules.split_en(t)),
            ),
            None => rayon::join(|| zs.segment(zh_text), || es.segment(en_text)),
        };
        let zh = from_document(zs, &zh_doc, self.level);
        let en = from_document(es, &en_doc, self.level);
        align(zh, en, &self.config, self.level == Level::Sentence)
    }
}

pub fn align(zh: Side, en: Side, config: &Config, by_blocks: bool) -> Aligned {
    let links = if by_blocks {
        align_blocks_then_units(&zh.units, &en.units, &zh.blocks, &en.blocks, config)
    } else {
        align_units(&zh.units, &en.units, config)
    };
    Aligned { zh, en, links }
}

impl Aligned {
    /// One record per link.
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        self.links.iter().map(move |link| {
            let zh: Vec<&str> = link.zh.iter().map(|&i| self.zh.body[i].as_str()).collect();
            let en: Vec<&str> = link.en.iter().map(|&j| self.en.body[j].as_str()).collect();
            let block = link
                .en
                .first()
                .and_then(|&j| self.en.block[j].clone())
                .or_else(|| link.zh.first().and_then(|&i| self.zh.block[i].clone()));
            let anchors = shared_anchors(&self.zh, &self.en, link);
            Record {
                zh: zh.join(""),
                en: en.join(" "),
                score: link.score,
                block,
                doc: None,
                zh_ids: link.zh.clone(),
                en_ids: link.en.clone(),
                anchors,
            }
        })
    }

    /// Share of all units (both sides) that are in a paired link.
    pub fn paired_share(&self) -> f64 {
        let total = self.zh.units.len() + self.en.units.len();
        let paired: usize = self
            .links
            .iter()
            .filter(|l| l.is_paired())
            .map(|l| l.zh.len() + l.en.len())
            .sum();
        if total == 0 {
            0.0
        } else {
            paired as f64 / total as f64
        }
    }

    /// Mean confidence of paired links and share of anchors that agree: the numbers
    /// that tell unrelated documents apart.
    pub fn agreement(&self) -> (f64, f64) {
        let paired: Vec<&Link> = self.links.iter().filter(|l| l.is_paired()).collect();
        let mean = if paired.is_empty() {
            0.0
        } else {
            paired.iter().map(|l| l.score).sum::<f64>() / paired.len() as f64
        };
        let (mut shared, mut total) = (0usize, 0usize);
        for l in &paired {
            let (z, e) = anchor_sets(&self.zh, &self.en, l);
            shared += z.intersection(&e).count();
            total += z.union(&e).count();
        }
        let agreement = if total == 0 {
            1.0
        } else {
            shared as f64 / total as f64
        };
        (mean, agreement)
    }
}

/// The anchor keys of a link's zh units and of its en units.
fn anchor_sets(zh: &Side, en: &Side, link: &Link) -> (BTreeSet<String>, BTreeSet<String>) {
    let keys = |side: &Side, ids: &[usize]| -> BTreeSet<String> {
        ids.iter()
            .flat_map(|&i| side.units[i].anchors.iter().map(|a| a.to_string()))
            .collect()
    };
    (keys(zh, &link.zh), keys(en, &link.en))
}

fn shared_anchors(zh: &Side, en: &Side, link: &Link) -> Vec<String> {
    let (z, e) = anchor_sets(zh, en, link);
    z.intersection(&e).cloned().collect()
}

/// Build the alignment configuration: built-in terms unless disabled, user glossaries
/// and lexicons.
pub fn config(
    zh: &ChineseSegmenter,
    en: &EnglishSegmenter,
    builtin: bool,
    glossaries: &[std::path::PathBuf],
    lexicons: &[std::path::PathBuf],
) -> Result<Config> {
    let mut config = Config::default();
    if builtin {
        for (text, name) in [
            (BUILTIN_GLOSSARY, "built-in glossary"),
            (BUILTIN_COMMON_WORDS, "built-in common words"),
        ] {
            config
                .glossary
                .extend(glossary_from_tsv(zh, en, text, name)?);
        }
    }
    for path in glossaries {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{name}: cannot read glossary"))?;
        config
            .glossary
            .extend(glossary_from_tsv(zh, en, &text, &name)?);
    }
    for path in lexicons {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{name}: cannot read lexicon"))?;
        config.glossary.extend(lexicon_from_tsv(&text, &name)?);
    }
    Ok(config)
}
