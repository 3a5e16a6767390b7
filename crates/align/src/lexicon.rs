//! The translation lexicon: associations between zh tokens and en tokens, seeded by a
//! glossary and identical Latin-script tokens, then learned from the input (Dice
//! coefficient over the links an alignment pass made).

use crate::prepared::Prepared;
use bitext_core::Link;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Term pairs given as token lists (tokenised by each language's segmenter).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// `(zh tokens, en tokens)` of one term pair.
    pub pairs: Vec<(Vec<String>, Vec<String>)>,
    /// Weighted token associations (`bitext lexicon train` output): zh, en, weight.
    /// Borrowed when read from text compiled into the program (the built-in lexicon's
    /// 17,000 lines are then not copied at every start).
    pub associations: Vec<(Cow<'static, str>, Cow<'static, str>, f32)>,
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
    text: Cow<'static, str>,
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
    pub fn new(text: impl Into<Cow<'static, str>>, weight: f32) -> Result<Self, String> {
        let text = text.into();
        // Indexing runs at every start on a dictionary of ~100,000 lines: line ends
        // are found with memchr, keys compared as bytes (the order of UTF-8 bytes is
        // the order of `str`).
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        let mut previous: Option<&[u8]> = None;
        let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
        let mut at = 0usize;
        for (n, end) in ends.enumerate() {
            if at >= bytes.len() {
                break;
            }
            let (line, line_text) = (&bytes[at..end], &text[at..end]);
            let blank = line_text.chars().next().is_none_or(char::is_whitespace)
                && line_text.trim().is_empty();
            if !blank {
                // Keys are a few bytes: a plain scan beats memchr's setup.
                let key = &line[..line.iter().position(|&b| b == b'\t').unwrap_or(line.len())];
                if previous.is_some_and(|p| p >= key) {
                    let previous = previous.map(String::from_utf8_lossy);
                    return Err(format!("line {}: not sorted after {previous:?}", n + 1));
                }
                previous = Some(key);
                starts.push(at as u32);
            }
            at = end + 1;
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

    /// A lexicon compiled into the program, checked by its tests to be what
    /// [`SortedLexicon::new`] accepts with no blank line: indexed without the checks,
    /// which cost some 13M instructions at every start for the built-in dictionary.
    pub fn trusted(text: &'static str, weight: f32) -> Self {
        let bytes = text.as_bytes();
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|end| end + 1))
            .filter(|&at| at < bytes.len())
            .map(|at| at as u32)
            .collect();
        SortedLexicon {
            text: Cow::Borrowed(text),
            starts,
            weight,
        }
    }

    /// How many lines (entries) the index holds.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn line(&self, k: usize) -> &str {
        let start = self.starts[k] as usize;
        let rest = &self.text[start..];
        rest.split('\n').next().unwrap_or(rest)
    }

    /// The en tokens of a zh token (none when it is not in the lexicon).
    pub fn lookup<'s>(&'s self, zh: &str) -> impl Iterator<Item = &'s str> + 's {
        // Keys compared as bytes up to their tab (a few bytes: a plain scan), as the
        // index was checked to be sorted.
        let bytes = self.text.as_bytes();
        let found = self
            .starts
            .binary_search_by(|&s| {
                let line = &bytes[s as usize..];
                let end = line
                    .iter()
                    .position(|&b| b == b'\t' || b == b'\n')
                    .unwrap_or(line.len());
                line[..end].cmp(zh.as_bytes())
            })
            .ok();
        found
            .map(|k| self.line(k).split_once('\t').map_or("", |(_, en)| en))
            .unwrap_or("")
            .split(' ')
            .filter(|t| !t.is_empty())
    }

    /// The text of a sorted lexicon from term pairs, read by the rule every term pair
    /// is read with (`longest_tokens`: the longest tokens of each Chinese term).
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

/// How the lexicon is built: the weights of what is given, and what it learns from
/// the links of each round (Dice coefficients of tokens that co-occur in them).
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconParams {
    /// Weight of a glossary term pair (a round number below identical tokens: a
    /// glossary rendering is usual, not certain).
    pub glossary_weight: f32,
    /// Weight of an association of the built-in general dictionary: that of a glossary
    /// term (a dictionary sense is usual, not certain).
    pub dictionary_weight: f32,
    /// Weight of a token found verbatim on both sides (`covid`, `umoja`).
    pub identical_weight: f32,
    /// Links at least this confident teach the lexicon (more likely right than wrong).
    pub learn_min_score: f64,
    /// Associations kept per token, strongest first: enough for the senses of a word,
    /// few enough to keep coverage sums fast.
    pub keep_per_token: usize,
    /// The weakest Dice coefficient learned.
    pub min_dice: f32,
    /// A link with more token pairs than this teaches nothing (co-occurrence counting
    /// is quadratic in a link's size, and a giant unit says little about word pairs).
    pub max_pairs_per_link: usize,
    /// Co-occurrences (and occurrences of each token) needed to learn a pair.
    pub min_count: u32,
}

impl Default for LexiconParams {
    /// Round numbers checked on the dev gold (`scripts/eval.sh`), not tuned finely.
    fn default() -> Self {
        LexiconParams {
            glossary_weight: 0.9,
            dictionary_weight: 0.9,
            identical_weight: 1.0,
            learn_min_score: 0.5,
            keep_per_token: 8,
            min_dice: 0.2,
            max_pairs_per_link: 250_000,
            min_count: 2,
        }
    }
}

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

    fn finish(&mut self, params: &LexiconParams) {
        for list in self.by_zh.iter_mut().chain(self.by_en.iter_mut()) {
            // One entry per token, with its strongest weight; then strongest first.
            list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            list.dedup_by_key(|x| x.0);
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(params.keep_per_token);
        }
    }

    /// Glossary pairs, token associations and identical tokens on both sides
    /// (`covid`, `umoja`).
    pub fn from_glossary(p: &Prepared, glossary: &Glossary, params: &LexiconParams) -> Self {
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
                        lex.add(zi, ei, params.glossary_weight);
                    }
                }
            }
        }
        for (z, e, w) in &glossary.associations {
            if let (Some(&zi), Some(&ei)) = (zh_ids.get(z.as_ref()), en_ids.get(e.as_ref())) {
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
                    lex.add(*zi, ei, params.identical_weight);
                }
            }
        }
        lex.finish(params);
        lex
    }

    /// Add Dice associations counted over the paired links.
    pub fn learn_from_links(&mut self, p: &Prepared, links: &[Link], params: &LexiconParams) {
        // The token sets of each confident link, once.
        let mut sets: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for link in links
            .iter()
            .filter(|l| l.is_paired() && l.score >= params.learn_min_score)
        {
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
            if zs.len() * es.len() <= params.max_pairs_per_link {
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
        // An en token in fewer than `min_count` links is in no pair that counts:
        // dropped from the sets once instead of skipped for every zh token.
        for (_, es) in &mut sets {
            es.retain(|&e| c_en[e as usize] >= params.min_count);
        }
        // Pairs that cannot reach the thresholds are not counted: a pair seen in at
        // least `min_count` links needs both tokens in as many, and Dice = 2c / (cz +
        // ce) with c <= min(cz, ce) stays below `min_dice` when 2 min(cz, ce) / (cz +
        // ce) does. Pairs
        // are counted one zh token at a time over the links that hold it, in a dense
        // array over the en vocabulary (only the touched entries are read and reset;
        // their order is the lexicon's to make, in `finish`).
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); p.zh_vocab.len()];
        for (k, (zs, _)) in sets.iter().enumerate() {
            for &z in zs {
                if c_zh[z as usize] >= params.min_count {
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
                    // The best Dice the pair can have, computed as below (so the
                    // bound is exact): c <= min(cz, ce).
                    let best_dice = 2.0 * cz.min(ce) as f32 / (cz + ce) as f32;
                    if best_dice < params.min_dice {
                        continue;
                    }
                    let slot = &mut count[e as usize];
                    if *slot == 0 {
                        touched.push(e);
                    }
                    *slot += 1;
                }
            }
            for &e in &touched {
                let c = std::mem::take(&mut count[e as usize]);
                if c >= params.min_count {
                    let dice = 2.0 * c as f32 / (cz + c_en[e as usize]) as f32;
                    if dice >= params.min_dice {
                        learned.push(((z as u32, e), dice));
                    }
                }
            }
            touched.clear();
        }
        for ((z, e), d) in learned {
            self.add(z, e, d);
        }
        self.finish(params);
    }
}

#[cfg(test)]
mod tests {
    use super::SortedLexicon;

    #[test]
    fn a_sorted_lexicon_is_looked_up_and_an_unsorted_one_refused_with_its_line() {
        let lex = SortedLexicon::new("和平\tpeace\n\n　\n安全\tsecurity safety\n", 1.0).unwrap();
        assert_eq!(
            lex.lookup("安全").collect::<Vec<_>>(),
            ["security", "safety"]
        );
        assert_eq!(lex.lookup("和平").collect::<Vec<_>>(), ["peace"]);
        assert_eq!(lex.lookup("战争").count(), 0);
        let err = SortedLexicon::new("安全\tsecurity\n和平\tpeace", 1.0).unwrap_err();
        assert_eq!(err, "line 2: not sorted after Some(\"安全\")");
        let err = SortedLexicon::new("和平\tpeace\n和平\tpeaceful\n", 1.0).unwrap_err();
        assert!(err.starts_with("line 2: "), "{err}");
    }

    /// A trusted lexicon is indexed as a checked one is, with or without a final
    /// line end.
    #[test]
    fn a_trusted_lexicon_has_the_index_of_a_checked_one() {
        for text in [
            "和平\tpeace\n安全\tsecurity safety\n",
            "和平\tpeace\n安全\tsecurity",
            "",
        ] {
            let checked = SortedLexicon::new(text, 1.0).unwrap();
            let trusted = SortedLexicon::trusted(text, 1.0);
            assert_eq!(trusted.starts, checked.starts, "{text:?}");
            assert_eq!(trusted, checked);
        }
    }
}
