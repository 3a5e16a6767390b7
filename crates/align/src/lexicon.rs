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
    /// Large lexicons kept as sorted text and looked up per input token (a general
    /// dictionary: a hundred thousand entries, of which an input uses a few thousand).
    pub sorted: Vec<std::sync::Arc<SortedLexicon>>,
}

impl Glossary {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.associations.is_empty() && self.sorted.is_empty()
    }

    pub fn extend(&mut self, other: Glossary) {
        self.pairs.extend(other.pairs);
        self.associations.extend(other.associations);
        self.sorted.extend(other.sorted);
    }
}

/// A lexicon as text, one zh token a line with the en tokens it translates,
/// `zh<TAB>en en …`, lines sorted by zh token (byte order): looked up by binary search,
/// never parsed whole, so a general dictionary costs an input only the lookups of its
/// own vocabulary. [`SortedLexicon::write`] makes the text from term pairs.
pub struct SortedLexicon {
    text: std::borrow::Cow<'static, str>,
    /// Byte offset of each line.
    starts: Vec<u32>,
    /// The weight of every association.
    pub weight: f32,
}

impl std::fmt::Debug for SortedLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SortedLexicon")
            .field("lines", &self.starts.len())
            .field("weight", &self.weight)
            .finish()
    }
}

impl PartialEq for SortedLexicon {
    fn eq(&self, other: &Self) -> bool {
        self.weight == other.weight && self.text == other.text
    }
}

impl SortedLexicon {
    /// The lexicon in `text` (as [`SortedLexicon::write`] makes it). Lines out of order
    /// are an error: a lookup would miss them.
    pub fn new(
        text: impl Into<std::borrow::Cow<'static, str>>,
        weight: f32,
    ) -> Result<Self, String> {
        let text = text.into();
        let mut starts = Vec::new();
        let mut at = 0usize;
        let mut previous: Option<&str> = None;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let key = line.split('\t').next().unwrap_or("");
            if !line.trim().is_empty() {
                if previous.is_some_and(|p| p >= key) {
                    return Err(format!("line {}: not sorted after {:?}", n + 1, previous));
                }
                previous = Some(key);
                starts.push(at as u32);
            }
            at += line.len();
        }
        if text.len() > u32::MAX as usize {
            return Err("larger than 4 GiB".into());
        }
        Ok(SortedLexicon {
            text,
            starts,
            weight,
        })
    }

    fn line(&self, k: usize) -> &str {
        let start = self.starts[k] as usize;
        let rest = &self.text[start..];
        rest.split('\n').next().unwrap_or(rest)
    }

    /// The en tokens of a zh token (none when it is not in the lexicon).
    pub fn lookup<'s>(&'s self, zh: &str) -> impl Iterator<Item = &'s str> + 's {
        let found = self
            .starts
            .binary_search_by(|&s| {
                let line = &self.text[s as usize..];
                line.split('\t').next().unwrap_or("").cmp(zh)
            })
            .ok();
        found
            .map(|k| self.line(k).split_once('\t').map_or("", |(_, en)| en))
            .unwrap_or("")
            .split(' ')
            .filter(|t| !t.is_empty())
    }

    /// The text of a sorted lexicon from term pairs, read by the rule every term pair
    /// is read with ([`longest_tokens`]).
    pub fn write(pairs: &[(Vec<String>, Vec<String>)]) -> String {
        let mut by_zh: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
            Default::default();
        for (zh, en) in pairs {
            for z in longest_tokens(zh) {
                by_zh
                    .entry(z.as_str())
                    .or_default()
                    .extend(en.iter().map(String::as_str));
            }
        }
        let mut out = String::new();
        for (z, ens) in by_zh {
            // A token with a tab, a space or a line end cannot be written: none is
            // made by the tokenisers.
            if ens.is_empty() || z.contains(['\t', '\n', ' ']) {
                continue;
            }
            out.push_str(z);
            out.push('\t');
            let ens: Vec<&str> = ens
                .into_iter()
                .filter(|e| !e.contains(['\t', '\n', ' ']))
                .collect();
            out.push_str(&ens.join(" "));
            out.push('\n');
        }
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
        for sorted in &glossary.sorted {
            for (zi, z) in p.zh_vocab.iter().enumerate() {
                for e in sorted.lookup(z) {
                    if let Some(&ei) = en_ids.get(e) {
                        lex.add(zi as u32, ei, sorted.weight);
                    }
                }
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
