//! The translation lexicon: associations between zh tokens and en tokens, seeded by a
//! glossary and identical Latin-script tokens, then learned from the input (Dice
//! coefficient over the links an alignment pass made).

use crate::prepared::Prepared;
use bitext_core::Link;
use rustc_hash::FxHashMap;

/// Term pairs given as token lists (tokenised by each language's segmenter).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// `(zh tokens, en tokens)` of one term pair.
    pub pairs: Vec<(Vec<String>, Vec<String>)>,
    /// Weighted token associations (`bitext lexicon train` output): zh, en, weight.
    pub associations: Vec<(String, String, f32)>,
}

impl Glossary {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.associations.is_empty()
    }

    pub fn extend(&mut self, other: Glossary) {
        self.pairs.extend(other.pairs);
        self.associations.extend(other.associations);
    }

    /// The term pairs as token associations of the given weight (each distinct pair
    /// once), by the rule every term pair is read with: the longest zh tokens of a
    /// term (character pairs over single characters, which are too ambiguous to stand
    /// for it) with each en token. A dictionary weighs less than a glossary of terms.
    pub fn pairs_as_associations(&self, weight: f32) -> Vec<(String, String, f32)> {
        let mut out: Vec<(String, String, f32)> = Vec::new();
        for (zh, en) in &self.pairs {
            for z in longest_tokens(zh) {
                out.extend(en.iter().map(|e| (z.clone(), e.clone(), weight)));
            }
        }
        out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        out
    }
}

/// The longest zh tokens of a term (all of them when it has one token).
fn longest_tokens(zh: &[String]) -> impl Iterator<Item = &String> {
    let longest = zh.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    zh.iter()
        .filter(move |t| t.chars().count() == longest || zh.len() == 1)
}

/// Associations per token, strongest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub by_zh: Vec<Vec<(u32, f32)>>,
    pub by_en: Vec<Vec<(u32, f32)>>,
}

const KEEP_PER_TOKEN: usize = 8;
const MIN_DICE: f32 = 0.2;
const MAX_PAIRS_PER_LINK: usize = 250_000;

impl Lexicon {
    fn empty(p: &Prepared) -> Self {
        Lexicon {
            by_zh: vec![Vec::new(); p.zh_vocab.len()],
            by_en: vec![Vec::new(); p.en_vocab.len()],
        }
    }

    /// Record an association; a pair added twice keeps its stronger weight (sorted
    /// out in [`Lexicon::finish`], so adding stays O(1)).
    fn add(&mut self, z: u32, e: u32, w: f32) {
        self.by_zh[z as usize].push((e, w));
        self.by_en[e as usize].push((z, w));
    }

    fn finish(&mut self) {
        for list in self.by_zh.iter_mut().chain(self.by_en.iter_mut()) {
            // One entry per token, with its strongest weight; then strongest first.
            list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            list.dedup_by_key(|x| x.0);
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(KEEP_PER_TOKEN);
        }
    }

    /// Glossary pairs, token associations and identical tokens on both sides
    /// (`covid`, `umoja`).
    pub fn from_glossary(p: &Prepared, glossary: &Glossary) -> Self {
        let mut lex = Lexicon::empty(p);
        let zh_ids: FxHashMap<&str, u32> = p
            .zh_vocab
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let en_ids: FxHashMap<&str, u32> = p
            .en_vocab
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        for (zh, en) in &glossary.pairs {
            for z in longest_tokens(zh) {
                let Some(&zi) = zh_ids.get(z.as_str()) else {
                    continue;
                };
                for e in en {
                    if let Some(&ei) = en_ids.get(e.as_str()) {
                        lex.add(zi, ei, 0.9);
                    }
                }
            }
        }
        for (z, e, w) in &glossary.associations {
            if let (Some(&zi), Some(&ei)) = (zh_ids.get(z.as_str()), en_ids.get(e.as_str())) {
                lex.add(zi, ei, *w);
            }
        }
        for (z, zi) in &zh_ids {
            if z.is_ascii() && z.len() >= 2 {
                if let Some(&ei) = en_ids.get(z) {
                    lex.add(*zi, ei, 1.0);
                }
            }
        }
        lex.finish();
        lex
    }

    /// Add Dice associations counted over the paired links.
    pub fn learn_from_links(&mut self, p: &Prepared, links: &[Link]) {
        // The token sets of each confident link, once.
        let mut sets: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for link in links.iter().filter(|l| l.is_paired() && l.score >= 0.5) {
            let mut zs: Vec<u32> = link
                .zh
                .iter()
                .flat_map(|&i| p.zh[i].tokens.iter().copied())
                .collect();
            let mut es: Vec<u32> = link
                .en
                .iter()
                .flat_map(|&j| p.en[j].tokens.iter().copied())
                .collect();
            zs.sort_unstable();
            zs.dedup();
            es.sort_unstable();
            es.dedup();
            // Co-occurrence counting is quadratic in a link's size: a giant unit (a
            // whole file with no sentence end) says little about word pairs anyway.
            if zs.len() * es.len() <= MAX_PAIRS_PER_LINK {
                sets.push((zs, es));
            }
        }
        // Token ids are dense: plain arrays count single tokens.
        let mut c_zh = vec![0u32; p.zh_vocab.len()];
        let mut c_en = vec![0u32; p.en_vocab.len()];
        for (zs, es) in &sets {
            for &z in zs {
                c_zh[z as usize] += 1;
            }
            for &e in es {
                c_en[e as usize] += 1;
            }
        }
        // Pairs that cannot reach the thresholds are not counted: a pair seen in at
        // least 2 links needs both tokens in 2, and Dice = 2c / (cz + ce) with
        // c <= min(cz, ce) stays below MIN_DICE when 11 min(cz, ce) < cz + ce. Pairs
        // are counted one zh token at a time over the links that hold it, in a dense
        // array over the en vocabulary (only the touched entries are read and reset),
        // which also gives them in (zh, en) order.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); p.zh_vocab.len()];
        for (k, (zs, _)) in sets.iter().enumerate() {
            for &z in zs {
                if c_zh[z as usize] >= 2 {
                    postings[z as usize].push(k as u32);
                }
            }
        }
        let mut count = vec![0u32; p.en_vocab.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut learned: Vec<((u32, u32), f32)> = Vec::new();
        for (z, links_of_z) in postings.iter().enumerate() {
            let cz = c_zh[z];
            for &k in links_of_z {
                for &e in &sets[k as usize].1 {
                    let ce = c_en[e as usize];
                    if ce < 2 || 11 * cz.min(ce) < cz + ce {
                        continue;
                    }
                    let slot = &mut count[e as usize];
                    if *slot == 0 {
                        touched.push(e);
                    }
                    *slot += 1;
                }
            }
            touched.sort_unstable();
            for &e in &touched {
                let c = std::mem::take(&mut count[e as usize]);
                if c >= 2 {
                    let dice = 2.0 * c as f32 / (cz + c_en[e as usize]) as f32;
                    if dice >= MIN_DICE {
                        learned.push(((z as u32, e), dice));
                    }
                }
            }
            touched.clear();
        }
        for ((z, e), d) in learned {
            self.add(z, e, d);
        }
        self.finish();
    }
}
