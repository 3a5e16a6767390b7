//! The translation lexicon: associations between zh tokens and en tokens, seeded by a
//! glossary and identical Latin-script tokens, then learned from the input (Dice
//! coefficient over the links an alignment pass made).

use crate::prepared::Prepared;
use bitext_core::Link;
use std::collections::HashMap;

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
}

/// Associations per token, strongest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub by_zh: Vec<Vec<(u32, f32)>>,
    pub by_en: Vec<Vec<(u32, f32)>>,
    /// `by_en` inverted: for a zh token, the en tokens whose lists name it.
    pub en_lists_by_zh: Vec<Vec<(u32, f32)>>,
    /// `by_zh` inverted: for an en token, the zh tokens whose lists name it.
    pub zh_lists_by_en: Vec<Vec<(u32, f32)>>,
}

const KEEP_PER_TOKEN: usize = 8;
const MIN_DICE: f32 = 0.2;
const MAX_PAIRS_PER_LINK: usize = 250_000;

impl Lexicon {
    fn empty(p: &Prepared) -> Self {
        Lexicon {
            by_zh: vec![Vec::new(); p.zh_vocab.len()],
            by_en: vec![Vec::new(); p.en_vocab.len()],
            en_lists_by_zh: vec![Vec::new(); p.zh_vocab.len()],
            zh_lists_by_en: vec![Vec::new(); p.en_vocab.len()],
        }
    }

    fn add(&mut self, z: u32, e: u32, w: f32) {
        let zl = &mut self.by_zh[z as usize];
        match zl.iter_mut().find(|(x, _)| *x == e) {
            Some(slot) => slot.1 = slot.1.max(w),
            None => zl.push((e, w)),
        }
        let el = &mut self.by_en[e as usize];
        match el.iter_mut().find(|(x, _)| *x == z) {
            Some(slot) => slot.1 = slot.1.max(w),
            None => el.push((z, w)),
        }
    }

    fn finish(&mut self) {
        for list in self.by_zh.iter_mut().chain(self.by_en.iter_mut()) {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(KEEP_PER_TOKEN);
        }
        for list in self
            .en_lists_by_zh
            .iter_mut()
            .chain(self.zh_lists_by_en.iter_mut())
        {
            list.clear();
        }
        for (e, list) in self.by_en.iter().enumerate() {
            for &(z, w) in list {
                self.en_lists_by_zh[z as usize].push((e as u32, w));
            }
        }
        for (z, list) in self.by_zh.iter().enumerate() {
            for &(e, w) in list {
                self.zh_lists_by_en[e as usize].push((z as u32, w));
            }
        }
    }

    /// Glossary pairs, token associations and identical tokens on both sides
    /// (`covid`, `umoja`).
    pub fn from_glossary(p: &Prepared, glossary: &Glossary) -> Self {
        let mut lex = Lexicon::empty(p);
        let zh_ids: HashMap<&str, u32> = p
            .zh_vocab
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let en_ids: HashMap<&str, u32> = p
            .en_vocab
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        for (zh, en) in &glossary.pairs {
            // Prefer the longest zh tokens of a term (character pairs over single ones):
            // single characters of a term are too ambiguous to stand for it.
            let longest = zh.iter().map(|t| t.chars().count()).max().unwrap_or(0);
            for z in zh
                .iter()
                .filter(|t| t.chars().count() == longest || zh.len() == 1)
            {
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
        let mut c_zh: HashMap<u32, u32> = HashMap::new();
        let mut c_en: HashMap<u32, u32> = HashMap::new();
        let mut c_pair: HashMap<(u32, u32), u32> = HashMap::new();
        let mut zs: Vec<u32> = Vec::new();
        let mut es: Vec<u32> = Vec::new();
        for link in links.iter().filter(|l| l.is_paired() && l.score >= 0.5) {
            zs.clear();
            es.clear();
            for &i in &link.zh {
                zs.extend(&p.zh[i].tokens);
            }
            for &j in &link.en {
                es.extend(&p.en[j].tokens);
            }
            zs.sort_unstable();
            zs.dedup();
            es.sort_unstable();
            es.dedup();
            // Co-occurrence counting is quadratic in a link's size: a giant unit (a
            // whole file with no sentence end) says little about word pairs anyway.
            if zs.len() * es.len() > MAX_PAIRS_PER_LINK {
                continue;
            }
            for &z in &zs {
                *c_zh.entry(z).or_default() += 1;
            }
            for &e in &es {
                *c_en.entry(e).or_default() += 1;
            }
            for &z in &zs {
                for &e in &es {
                    *c_pair.entry((z, e)).or_default() += 1;
                }
            }
        }
        let mut learned: Vec<((u32, u32), f32)> = c_pair
            .into_iter()
            .filter(|&(_, c)| c >= 2)
            .map(|((z, e), c)| {
                let dice = 2.0 * c as f32 / (c_zh[&z] + c_en[&e]) as f32;
                ((z, e), dice)
            })
            .filter(|&(_, d)| d >= MIN_DICE)
            .collect();
        // HashMap order is random: sort so that ties truncate the same way every run.
        learned.sort_by_key(|a| a.0);
        for ((z, e), d) in learned {
            self.add(z, e, d);
        }
        self.finish();
    }
}
