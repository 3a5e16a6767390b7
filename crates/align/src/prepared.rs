//! Units interned into ids, with the corpus statistics the scores need.

use crate::Unit;
use bitext_core::AnchorKind;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub(crate) struct PUnit {
    /// Sorted, deduplicated token ids of this side's vocabulary.
    pub tokens: Vec<u32>,
    /// Sorted anchor ids (shared id space for both sides), labels and Latin excluded.
    pub anchors: Vec<u32>,
    pub labels: Vec<u32>,
    pub latin: Vec<String>,
    /// For each `latin` key, the ids of the other side's units whose text contains it
    /// (sorted): the Latin-script evidence of any pair is a search away.
    pub latin_found: Vec<std::sync::Arc<[u32]>>,
    pub length: f64,
    pub text: String,
    /// [`Unit::part`](crate::Unit::part).
    pub part: u8,
    /// [`Unit::ending`](crate::Unit::ending).
    pub ending: bitext_core::Ending,
    /// 256-bit signature of `tokens`: a cheap "certainly not here" before a search.
    pub signature: [u64; 4],
}

impl PUnit {
    fn signature_bit(token: u32) -> (usize, u64) {
        let h = token.wrapping_mul(0x9E37_79B1) >> 24;
        ((h >> 6) as usize & 3, 1u64 << (h & 63))
    }

    /// Recompute the signature after `tokens` changed.
    pub fn sign(&mut self) {
        self.signature = [0; 4];
        for &t in &self.tokens {
            let (word, bit) = Self::signature_bit(t);
            self.signature[word] |= bit;
        }
    }

    /// False when `token` is in none of the units whose signatures make `signature`.
    pub fn may_contain(signature: &[u64; 4], token: u32) -> bool {
        let (word, bit) = Self::signature_bit(token);
        signature[word] & bit != 0
    }

    /// `token` is one of this unit's tokens.
    pub fn contains(&self, token: u32) -> bool {
        Self::may_contain(&self.signature, token) && self.tokens.binary_search(&token).is_ok()
    }

    /// A unit with neither words nor anchors: a bare list label, punctuation.
    pub fn is_content_free(&self) -> bool {
        self.tokens.is_empty() && self.anchors.is_empty() && self.latin.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    pub zh: Vec<PUnit>,
    pub en: Vec<PUnit>,
    pub zh_vocab: Vec<String>,
    pub en_vocab: Vec<String>,
    pub zh_idf: Vec<f32>,
    pub en_idf: Vec<f32>,
    /// Rarity weight of each anchor id.
    pub anchor_weight: Vec<f32>,
    /// How the rarity weights are made (kept for [`Prepared::merge_blocks`]).
    pub weights: WeightParams,
    pub anchor_keys: Vec<String>,
    /// The anchors of every run of 2 to [`MAX_LINK_UNITS`](crate::dp::MAX_LINK_UNITS)
    /// units of each side, made on first use ([`Prepared::run_anchors`]).
    runs: std::sync::OnceLock<[RunAnchors; 2]>,
}

/// The anchor ids of each run of 2 to `MAX_LINK_UNITS` consecutive units of one
/// side, sorted and distinct: a link of several units is scored against hundreds of
/// partners, and its anchors are merged once, not for each.
#[derive(Debug, Clone, Default)]
struct RunAnchors {
    /// Where the ids of the run of `w` units from `start` begin in `ids`, at
    /// `start * RUN_WIDTHS + (w - 2)`; one more entry ends the last.
    offsets: Vec<u32>,
    ids: Vec<u32>,
    /// How many units the side has.
    units: usize,
}

/// How many run lengths [`RunAnchors`] keeps per start (2 to `MAX_LINK_UNITS`).
const RUN_WIDTHS: usize = crate::dp::MAX_LINK_UNITS - 1;

impl RunAnchors {
    fn of(units: &[PUnit]) -> Self {
        let mut out = RunAnchors {
            offsets: Vec::with_capacity(units.len() * RUN_WIDTHS + 1),
            ids: Vec::new(),
            units: units.len(),
        };
        let mut buf: Vec<u32> = Vec::new();
        for start in 0..units.len() {
            for w in 2..=crate::dp::MAX_LINK_UNITS {
                out.offsets.push(out.ids.len() as u32);
                if let Some(run) = units.get(start..start + w) {
                    buf.clear();
                    buf.extend(run.iter().flat_map(|u| u.anchors.iter().copied()));
                    buf.sort_unstable();
                    buf.dedup();
                    out.ids.extend_from_slice(&buf);
                }
            }
        }
        out.offsets.push(out.ids.len() as u32);
        out
    }

    fn get(&self, run: &std::ops::Range<usize>) -> Option<&[u32]> {
        let w = run.len();
        if !(2..=crate::dp::MAX_LINK_UNITS).contains(&w) || run.end > self.units {
            return None;
        }
        let k = run.start * RUN_WIDTHS + (w - 2);
        let (from, to) = (*self.offsets.get(k)?, *self.offsets.get(k + 1)?);
        Some(&self.ids[from as usize..to as usize])
    }
}

/// The id of `s`, a new one (the next) when it is new; the map keeps `s` as `key`
/// makes it. Tokens are kept as borrows of the units' own text (a long document
/// interns millions of them, through a fast hash); anchor keys, made on the spot, as
/// their own strings.
fn intern<'a, K: Eq + std::hash::Hash + std::borrow::Borrow<str>>(
    vocab: &mut FxHashMap<K, u32>,
    list: &mut Vec<String>,
    s: &'a str,
    key: impl FnOnce(&'a str) -> K,
) -> u32 {
    if let Some(&id) = vocab.get(s) {
        return id;
    }
    let id = list.len() as u32;
    list.push(s.to_string());
    vocab.insert(key(s), id);
    id
}

/// The position a list label stands for, whatever its style: `(a)`, `A`, `(i)`,
/// `I` → 1. Translations keep the position of an item but not always its style
/// (`(一)` may render `(i)` or `A.`). Paragraph numbers have no position key: they
/// must match exactly.
fn list_position(label: &str) -> Option<u32> {
    let inner = label.trim_start_matches('(').trim_end_matches(')');
    if inner.is_empty() || inner.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let lower = inner.to_ascii_lowercase();
    // A single letter other than i, v, x is a letter; anything else roman.
    let mut chars = lower.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() && !"ivx".contains(c) => {
            Some(c as u32 - 'a' as u32 + 1)
        }
        _ => bitext_core::roman_value(&lower),
    }
}

/// How rare tokens and anchors weigh more than common ones ([`Params::weights`](crate::Params)).
#[derive(Debug, Clone, PartialEq)]
pub struct WeightParams {
    /// Added to a token's document frequency in its inverse document frequency (the
    /// usual smoothing, so a token in every unit still weighs a little).
    pub idf_smoothing: f32,
    /// The least weight of a token: a token in every unit is still evidence.
    pub idf_floor: f32,
    /// Bounds of an anchor's weight: an anchor on nearly every unit (a year) still
    /// counts a little; a unique one counts at most as much as about six common ones.
    pub anchor_weight_min: f32,
    pub anchor_weight_max: f32,
}

impl Default for WeightParams {
    /// Textbook smoothing (0.5) and round bounds, checked on the dev gold
    /// (`scripts/eval.sh`), not tuned finely.
    fn default() -> Self {
        WeightParams {
            idf_smoothing: 0.5,
            idf_floor: 0.1,
            anchor_weight_min: 0.3,
            anchor_weight_max: 6.0,
        }
    }
}

impl Prepared {
    /// The anchor ids of a run of 2 to `MAX_LINK_UNITS` units of one side (`zh` or
    /// not), sorted and distinct; `None` for other runs and runs past the end.
    pub fn run_anchors(&self, zh: bool, run: &std::ops::Range<usize>) -> Option<&[u32]> {
        let runs = self
            .runs
            .get_or_init(|| [RunAnchors::of(&self.zh), RunAnchors::of(&self.en)]);
        runs[usize::from(!zh)].get(run)
    }

    pub fn new(zh: &[Unit], en: &[Unit], weights: &WeightParams) -> Self {
        let mut p = Prepared::default();
        let mut anchor_ids = FxHashMap::default();
        let mut zh_v = FxHashMap::default();
        let mut en_v = FxHashMap::default();
        for (units, vocab, list, out) in [
            (zh, &mut zh_v, &mut p.zh_vocab, &mut p.zh),
            (en, &mut en_v, &mut p.en_vocab, &mut p.en),
        ] {
            for u in units {
                let mut pu = PUnit {
                    length: u.length,
                    text: u.text.clone(),
                    part: u.part,
                    ending: u.ending,
                    ..PUnit::default()
                };
                // Sized up front: a token iterator gives no size hint, and growing
                // by doubling leaves a long document's ids a third larger.
                pu.tokens = Vec::with_capacity(u.tokens.len());
                pu.tokens
                    .extend(u.tokens.iter().map(|t| intern(vocab, list, t, |t| t)));
                for a in &u.anchors {
                    match a.kind {
                        AnchorKind::Latin => pu.latin.push(a.key.clone()),
                        // Syllables found whole: between spaces in the other side's
                        // romanisation.
                        AnchorKind::Name => pu.latin.push(format!(" {} ", a.key)),
                        kind => {
                            // A number is a number whether written as a count, a
                            // percentage or a year: `60 per cent` may be `60` in the
                            // translation.
                            let key = match kind {
                                AnchorKind::Number | AnchorKind::Percent | AnchorKind::Year => {
                                    format!("n:{}", a.key)
                                }
                                _ => a.to_string(),
                            };
                            let id =
                                intern(&mut anchor_ids, &mut p.anchor_keys, &key, String::from);
                            if kind == AnchorKind::Label {
                                pu.labels.push(id);
                                if let Some(ord) = list_position(&a.key) {
                                    pu.labels.push(intern(
                                        &mut anchor_ids,
                                        &mut p.anchor_keys,
                                        &format!("label-position:{ord}"),
                                        String::from,
                                    ));
                                }
                            } else {
                                pu.anchors.push(id);
                            }
                        }
                    }
                }
                pu.tokens.sort_unstable();
                pu.tokens.dedup();
                pu.sign();
                pu.anchors.sort_unstable();
                pu.anchors.dedup();
                out.push(pu);
            }
        }
        p.weights = weights.clone();
        p.compute_weights();
        p.index_latin();
        p
    }

    /// Fill `latin_found`: every key of one side found in the other side's texts, with
    /// one pass of an Aho–Corasick automaton over each text.
    fn index_latin(&mut self) {
        fn find(keys_of: &mut [PUnit], texts_of: &[PUnit]) {
            let mut keys: Vec<&str> = keys_of
                .iter()
                .flat_map(|u| u.latin.iter().map(String::as_str))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            if keys.is_empty() {
                return;
            }
            let Ok(automaton) = aho_corasick::AhoCorasick::new(&keys) else {
                return;
            };
            let mut found: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
            for (id, unit) in texts_of.iter().enumerate() {
                for m in automaton.find_overlapping_iter(unit.text.as_str()) {
                    let list = &mut found[m.pattern().as_usize()];
                    if list.last() != Some(&(id as u32)) {
                        list.push(id as u32);
                    }
                }
            }
            let found: Vec<std::sync::Arc<[u32]>> = found.into_iter().map(Into::into).collect();
            let position: HashMap<String, usize> = keys
                .iter()
                .enumerate()
                .map(|(k, key)| (key.to_string(), k))
                .collect();
            for u in keys_of.iter_mut() {
                u.latin_found = u
                    .latin
                    .iter()
                    .map(|k| found[position[k.as_str()]].clone())
                    .collect();
            }
        }
        let (zh, en) = (&mut self.zh, &mut self.en);
        find(zh, en);
        find(en, zh);
    }

    /// Token weights (smoothed inverse document frequency over the units of a side)
    /// and anchor weights (rarity over the units of both sides): a rare shared word or
    /// number says more about a link than a common one.
    fn compute_weights(&mut self) {
        let w = self.weights.clone();
        let idf = |units: &[PUnit], n_vocab: usize| {
            let mut df = vec![0u32; n_vocab];
            for u in units {
                for &t in &u.tokens {
                    df[t as usize] += 1;
                }
            }
            let n = units.len().max(1) as f32;
            df.into_iter()
                .map(|d| {
                    ((n + 1.0) / (d as f32 + w.idf_smoothing))
                        .ln()
                        .max(w.idf_floor)
                })
                .collect::<Vec<_>>()
        };
        self.zh_idf = idf(&self.zh, self.zh_vocab.len());
        self.en_idf = idf(&self.en, self.en_vocab.len());
        let mut df = vec![0u32; self.anchor_keys.len()];
        for u in self.zh.iter().chain(&self.en) {
            for &a in &u.anchors {
                df[a as usize] += 1;
            }
        }
        let n = (self.zh.len() + self.en.len()).max(2) as f32;
        self.anchor_weight = df
            .into_iter()
            .map(|d| {
                ((n + 1.0) / (d as f32 + 1.0))
                    .ln()
                    .clamp(w.anchor_weight_min, w.anchor_weight_max)
            })
            .collect();
    }

    /// Paragraph-level units from unit ranges, sharing this vocabulary.
    pub fn merge_blocks(
        &self,
        zh_blocks: &[std::ops::Range<usize>],
        en_blocks: &[std::ops::Range<usize>],
    ) -> Prepared {
        let merge = |units: &[PUnit], blocks: &[std::ops::Range<usize>]| -> Vec<PUnit> {
            blocks
                .iter()
                .map(|r| {
                    let mut m = PUnit::default();
                    for (k, u) in units[r.clone()].iter().enumerate() {
                        // A block is in one part (body or notes).
                        m.part = u.part;
                        m.tokens.extend(&u.tokens);
                        m.anchors.extend(&u.anchors);
                        if k == 0 {
                            m.labels.extend(&u.labels);
                        }
                        m.latin.extend(u.latin.iter().cloned());
                        m.length += u.length;
                        m.text.push_str(&u.text);
                        m.text.push(' ');
                    }
                    m.tokens.sort_unstable();
                    m.tokens.dedup();
                    m.sign();
                    m.anchors.sort_unstable();
                    m.anchors.dedup();
                    m.ending = bitext_core::Ending::of(&m.text);
                    m
                })
                .collect()
        };
        let mut p = Prepared {
            zh: merge(&self.zh, zh_blocks),
            en: merge(&self.en, en_blocks),
            zh_vocab: self.zh_vocab.clone(),
            en_vocab: self.en_vocab.clone(),
            anchor_keys: self.anchor_keys.clone(),
            weights: self.weights.clone(),
            ..Prepared::default()
        };
        p.compute_weights();
        p.index_latin();
        p
    }
}

#[cfg(test)]
mod tests {
    /// A run's anchors are the sorted, distinct anchors of its units, for every run
    /// of 2 to `MAX_LINK_UNITS` units (the last ones too); other runs, and runs past
    /// the end, have none kept.
    #[test]
    fn a_runs_anchors_are_the_merge_of_its_units_anchors() {
        let (p, _) = crate::test_util::report_pair_prepared();
        let mut with_anchors = 0;
        for (zh, units) in [(true, &p.zh), (false, &p.en)] {
            for start in 0..units.len() {
                for w in 2..=crate::dp::MAX_LINK_UNITS {
                    let run = start..start + w;
                    let Some(merged) = units.get(run.clone()) else {
                        assert_eq!(p.run_anchors(zh, &run), None);
                        continue;
                    };
                    let mut expected: Vec<u32> = merged
                        .iter()
                        .flat_map(|u| u.anchors.iter().copied())
                        .collect();
                    expected.sort_unstable();
                    expected.dedup();
                    assert_eq!(p.run_anchors(zh, &run), Some(&expected[..]), "{run:?}");
                    with_anchors += usize::from(!expected.is_empty());
                }
            }
            assert_eq!(p.run_anchors(zh, &(0..1)), None);
            assert_eq!(p.run_anchors(zh, &(0..crate::dp::MAX_LINK_UNITS + 1)), None);
        }
        assert!(with_anchors > 100, "{with_anchors}");
    }
}
