//! The document aligner: options, the [`Aligner`] built from them once, and the
//! [`Alignment`] of one document pair.

use crate::error::{Error, Result};
use crate::glossary::{
    glossary_from_file, glossary_from_tsv, lexicon_from_tsv, read_text, static_lexicon_from_tsv,
    BUILTIN_COMMON_WORDS, BUILTIN_DICTIONARY, BUILTIN_GLOSSARY, BUILTIN_LEXICON,
};
use crate::input::{read_file, Input, ReadOptions};
use crate::srx::SrxRules;
use crate::units::{from_document, presegmented, Level, Side};
use bitext_align::{align_blocks_then_units, align_units, Config, SortedLexicon};
use bitext_core::{Document, Lang, Link, ScriptCounts, Segmenter};
use bitext_formats::Record;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Everything that steers an alignment run. Start from [`AlignOptions::default`] (or
/// [`Aligner::builder`]) and change what you need.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Sentences inside aligned paragraphs (default), or whole paragraphs.
    pub level: Level,
    /// Each input line is one unit, aligned as given: no cleaning, no re-segmentation
    /// (the way hunalign, vecalign and Bertalign take their input).
    pub presegmented: bool,
    /// Use the built-in list of core UN terms and common words as evidence.
    pub builtin_glossary: bool,
    /// Use the built-in general lexicon (word associations learned from 4,000 sentence
    /// pairs of other UN documents, [`crate::glossary::BUILTIN_LEXICON`]) as evidence
    /// beside what the aligner learns from the input, and the words the link verifier
    /// reads. Off: health dev strict F1 (in-sample) drops from 0.994 to 0.989.
    pub builtin_lexicon: bool,
    /// Use the built-in general dictionary (CC-CEDICT's headwords and English senses,
    /// [`crate::glossary::BUILTIN_DICTIONARY`]) as evidence: what lets a translation
    /// outside the UN's vocabulary (a novel, everyday prose) align.
    pub builtin_dictionary: bool,
    /// Extra term pairs (TSV with columns `en` and `zh`; zh variants separated by `|`).
    pub glossaries: Vec<PathBuf>,
    /// Lexicons trained with `bitext lexicon train` (`zh<TAB>en<TAB>weight`).
    pub lexicons: Vec<PathBuf>,
    /// Sentence boundaries from SRX 2.0 rules: a file, or `default` for the built-in
    /// rules (CAT-tool conventions). `None`: bitext's own segmentation.
    pub srx: Option<String>,
    /// Re-estimation rounds of the lexicon learned from the input. 2 (the default) is
    /// the safest; with the built-in lexicon on, 1 gives the same links on the dev
    /// data in ~20% fewer instructions (without it, 1 costs health dev strict F1 0.003);
    /// 0 uses the glossaries and the built-in lexicon only (fastest; on a report whose
    /// vocabulary they lack, many translations stay unpaired).
    pub lexicon_rounds: usize,
    /// [`Alignment::records`] leaves out paired links whose confidence is below this.
    pub min_score: f64,
    /// Check every paired link on its own evidence (the aligner's verifier stage): its
    /// score becomes the probability that it is right, and a link more likely wrong
    /// than right is split into unpaired units. Off keeps every link the path made
    /// (more recall, less precision: health dev strict P 0.963 R 0.990 instead of
    /// 0.987 R 0.987).
    pub verify_links: bool,
    /// Below this share of units in paired links, two texts are not translations of
    /// each other. Measured on the dev data: 70–100% for real pairs, under 15% for
    /// unrelated ones; 0.3 sits between with room on both sides.
    pub unrelated_paired_share: f64,
    /// A partial translation (one version holds only part of the other) is related
    /// when at least this share of the shorter side's units is paired, however low the
    /// share of both sides. Measured on cuts of the report pair and the un2023 streams:
    /// partial translations 0.85–1.00, unrelated pairs 0.03–0.35.
    pub partial_translation_share: f64,
    /// The shorter side needs at least this many units for the partial-translation
    /// rule: a handful of units pair by chance.
    pub partial_translation_min_units: usize,
    /// Encoding of the Chinese file when it is neither UTF-8 nor marked by a BOM
    /// (`None`: detected, see [`crate::input::decode_detect`]).
    pub zh_encoding: Option<&'static encoding_rs::Encoding>,
    /// Encoding of the English file, likewise.
    pub en_encoding: Option<&'static encoding_rs::Encoding>,
    /// Worker threads: 0 runs in the caller's rayon pool (the global one: one thread
    /// per core); n > 0 gives this aligner a pool of its own. Results are identical
    /// for any count.
    pub threads: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            level: Level::Sentence,
            presegmented: false,
            builtin_glossary: true,
            builtin_lexicon: true,
            builtin_dictionary: true,
            glossaries: Vec::new(),
            lexicons: Vec::new(),
            srx: None,
            lexicon_rounds: 2,
            min_score: 0.0,
            verify_links: true,
            unrelated_paired_share: 0.3,
            partial_translation_share: 0.6,
            partial_translation_min_units: 5,
            zh_encoding: None,
            en_encoding: None,
            threads: 0,
        }
    }
}

/// The built-in dictionary, indexed once per process (every aligner shares it: a
/// Python user building one per document does not index it again). Its tests check
/// it is what `SortedLexicon::new` accepts, without blank lines: it is indexed without
/// the checks at every start.
fn builtin_dictionary() -> std::sync::Arc<SortedLexicon> {
    static DICTIONARY: std::sync::OnceLock<std::sync::Arc<SortedLexicon>> =
        std::sync::OnceLock::new();
    DICTIONARY
        .get_or_init(|| {
            std::sync::Arc::new(SortedLexicon::trusted(
                BUILTIN_DICTIONARY,
                bitext_align::LexiconParams::default().dictionary_weight,
            ))
        })
        .clone()
}

/// Most worker threads an aligner takes: far more than any machine has cores, few
/// enough that a typo (100000) is an error rather than 100,000 threads.
pub const MAX_THREADS: usize = 1024;

/// Builds an [`Aligner`] from [`AlignOptions`], one setting at a time.
#[derive(Debug, Clone, Default)]
pub struct AlignerBuilder {
    options: AlignOptions,
}

impl AlignerBuilder {
    pub fn level(mut self, level: Level) -> Self {
        self.options.level = level;
        self
    }
    pub fn presegmented(mut self, yes: bool) -> Self {
        self.options.presegmented = yes;
        self
    }
    pub fn builtin_glossary(mut self, yes: bool) -> Self {
        self.options.builtin_glossary = yes;
        self
    }
    pub fn builtin_lexicon(mut self, yes: bool) -> Self {
        self.options.builtin_lexicon = yes;
        self
    }
    pub fn builtin_dictionary(mut self, yes: bool) -> Self {
        self.options.builtin_dictionary = yes;
        self
    }
    /// Add a glossary file (repeatable).
    pub fn glossary(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.glossaries.push(path.into());
        self
    }
    /// Add a lexicon file (repeatable).
    pub fn lexicon(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.lexicons.push(path.into());
        self
    }
    pub fn srx(mut self, rules: impl Into<String>) -> Self {
        self.options.srx = Some(rules.into());
        self
    }
    pub fn lexicon_rounds(mut self, rounds: usize) -> Self {
        self.options.lexicon_rounds = rounds;
        self
    }
    pub fn min_score(mut self, score: f64) -> Self {
        self.options.min_score = score;
        self
    }
    /// The encoding of both files (when neither UTF-8 nor marked by a BOM).
    pub fn encoding(mut self, encoding: &'static encoding_rs::Encoding) -> Self {
        self.options.zh_encoding = Some(encoding);
        self.options.en_encoding = Some(encoding);
        self
    }
    pub fn threads(mut self, threads: usize) -> Self {
        self.options.threads = threads;
        self
    }
    /// Load glossaries, lexicons and SRX rules; errors name the file at fault.
    pub fn build(self) -> Result<Aligner> {
        Aligner::new(self.options)
    }
}

/// Segmenters, the aligner's configuration (with glossaries loaded) and optional SRX
/// rules: built once, used for any number of document pairs (also from many threads).
#[derive(Debug)]
pub struct Aligner {
    zh: ChineseSegmenter,
    en: EnglishSegmenter,
    config: Config,
    srx: Option<SrxRules>,
    options: AlignOptions,
    pool: Option<rayon::ThreadPool>,
}

impl Aligner {
    /// Start from the defaults.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    /// An aligner with these options.
    pub fn new(options: AlignOptions) -> Result<Self> {
        if !(0.0..=1.0).contains(&options.min_score) {
            return Err(Error::Option(format!(
                "`min_score` must be between 0 and 1, got {}",
                options.min_score
            )));
        }
        let zh = ChineseSegmenter::new();
        let en = EnglishSegmenter::new();
        let config = load_config(&zh, &en, &options)?;
        let srx = options.srx.as_deref().map(SrxRules::load).transpose()?;
        let pool = match options.threads {
            0 => None,
            n if n > MAX_THREADS => {
                return Err(Error::Option(format!(
                    "{n} worker threads: at most {MAX_THREADS} (0: one per core)"
                )))
            }
            n => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| Error::Option(format!("cannot start worker threads: {e}")))?,
            ),
        };
        Ok(Aligner {
            zh,
            en,
            config,
            srx,
            options,
            pool,
        })
    }

    pub fn options(&self) -> &AlignOptions {
        &self.options
    }

    /// Warnings from loading the options (SRX rules that had to be skipped).
    pub fn warnings(&self) -> &[String] {
        self.srx.as_ref().map_or(&[], |r| &r.warnings)
    }

    /// The segmenter of a language.
    pub fn segmenter(&self, lang: Lang) -> &dyn Segmenter {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The paired links of `alignment` above its `min_score`, as the checks see them
    /// (`bitext check ZH EN`): each side's anchors as the segment stage found them in
    /// the link's units, its length by this aligner's length model.
    pub fn link_texts(&self, alignment: &Alignment) -> Vec<bitext_qa::LinkText> {
        let found = |side: &Side, ids: &[usize], text: &str, lang: Lang| bitext_qa::Found {
            anchors: ids
                .iter()
                .enumerate()
                .flat_map(|(k, &i)| side.body_anchors(i).filter_map(move |a| in_link_text(k, a)))
                .collect(),
            length: self.segmenter(lang).length(text),
        };
        alignment
            .links
            .iter()
            .filter(|l| l.is_paired() && l.score >= alignment.min_score)
            .map(|link| {
                let r = alignment.record(link);
                bitext_qa::LinkText {
                    score: Some(r.score),
                    zh_found: found(&alignment.zh, &link.zh, &r.zh, Lang::Zh),
                    en_found: found(&alignment.en, &link.en, &r.en, Lang::En),
                    en: r.en,
                    zh: r.zh,
                    doc: None,
                    block: r.block,
                }
            })
            .collect()
    }

    /// A translation lexicon (`zh`, `en`, weight) learned from the paired records of
    /// a corpus, as `bitext lexicon train` writes it: what `--lexicon` reads.
    pub fn train_lexicon<'r>(
        &self,
        records: impl IntoIterator<Item = &'r Record>,
    ) -> Vec<(String, String, f32)> {
        let (zs, es) = (self.segmenter(Lang::Zh), self.segmenter(Lang::En));
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        for r in records {
            if r.zh.trim().is_empty() || r.en.trim().is_empty() {
                continue;
            }
            zh.push(crate::units::unit(zs, &r.zh, &r.zh));
            en.push(crate::units::unit(es, &r.en, &r.en));
        }
        if zh.is_empty() {
            return Vec::new();
        }
        bitext_align::train_lexicon(&zh, &en)
    }

    /// Clean and segment one text (with the SRX rules, when the options name some).
    ///
    /// ```
    /// use bitext_pipeline::{Aligner, Lang};
    ///
    /// let aligner = Aligner::builder().build()?;
    /// let doc = aligner.segment("3. The Committee met.\nIt adopted the report.\n", Lang::En);
    /// let sentences: Vec<&str> = doc.sentences().map(|s| s.body()).collect();
    /// assert_eq!(sentences, ["The Committee met.", "It adopted the report."]);
    /// assert_eq!(doc.blocks[0].label.as_deref(), Some("3"));
    /// # Ok::<(), bitext_pipeline::Error>(())
    /// ```
    pub fn segment(&self, text: &str, lang: Lang) -> Document {
        let seg = self.segmenter(lang);
        match (&self.srx, lang) {
            (Some(r), Lang::Zh) => seg.segment_with(text, &|t: &str| r.split_zh(t)),
            (Some(r), Lang::En) => seg.segment_with(text, &|t: &str| r.split_en(t)),
            (None, _) => seg.segment(text),
        }
    }

    /// Align a Chinese and an English text (checked to be in those languages).
    pub fn align(&self, zh: &str, en: &str) -> Result<Alignment> {
        check_languages("the Chinese text", zh, "the English text", en)?;
        let mut alignment = self.align_unchecked(zh, en);
        use crate::metadata::DocumentMetadata;
        alignment.metadata =
            DocumentMetadata::of_document(&[], zh).or(DocumentMetadata::of_document(&[], en));
        Ok(alignment)
    }

    /// Segment a decoded input: a document with its own paragraphs (Word) keeps them
    /// (no layout recovery), plain text is cleaned and segmented.
    pub fn segment_input(&self, input: &Input, lang: Lang) -> Document {
        let Some(spans) = &input.paragraphs else {
            return self.segment(&input.text, lang);
        };
        let paragraphs = spans
            .iter()
            .map(|r| {
                let mut assembled = bitext_core::layout::Assembled::default();
                assembled.push_source(&input.text, r.start, r.end);
                bitext_core::build::Paragraph {
                    assembled,
                    start: r.start,
                    end: r.end,
                    artifact: false,
                }
            })
            .collect();
        let rules: &dyn bitext_core::build::BlockRules = match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        };
        let mut doc = match (&self.srx, lang) {
            (Some(r), Lang::Zh) => bitext_core::build::build_document(
                paragraphs,
                rules,
                Some(&|t: &str| r.split_zh(t)),
            ),
            (Some(r), Lang::En) => bitext_core::build::build_document(
                paragraphs,
                rules,
                Some(&|t: &str| r.split_en(t)),
            ),
            (None, _) => bitext_core::build::build_document(paragraphs, rules, None),
        };
        // A paragraph in a heading style is a heading, whatever its text looks like
        // (one block per paragraph); a numbered one keeps its number.
        for (block, &heading) in doc.blocks.iter_mut().zip(&input.headings) {
            if heading && block.label.is_none() && block.kind != bitext_core::BlockKind::Artifact {
                block.kind = bitext_core::BlockKind::Heading;
            }
        }
        doc
    }

    /// Align two decoded inputs; messages name their files.
    ///
    /// ```
    /// use bitext_pipeline::input::{decode_input, ReadOptions};
    /// use bitext_pipeline::Aligner;
    ///
    /// let zh = decode_input("a.zh.txt", "委员会审议了方案。".as_bytes(), &ReadOptions::default())?;
    /// let en = decode_input("a.en.txt", b"The Committee considered the programme.", &ReadOptions::default())?;
    /// let swapped = Aligner::builder().build()?.align_inputs(&en, &zh).unwrap_err();
    /// assert!(swapped.to_string().starts_with("the languages look swapped"));
    /// # Ok::<(), bitext_pipeline::Error>(())
    /// ```
    pub fn align_inputs(&self, zh: &Input, en: &Input) -> Result<Alignment> {
        if zh.text == en.text {
            return Err(Error::Languages(format!(
                "{} and {} are the same text; give the Chinese and the English version",
                zh.name, en.name
            )));
        }
        check_languages(&zh.name, &zh.text, &en.name, &en.text)?;
        // A Word document's text has one paragraph per line: presegmented input reads
        // it as it is.
        let metadata = zh.metadata().or(en.metadata());
        let structured = zh.paragraphs.is_some() || en.paragraphs.is_some();
        if !structured || self.options.presegmented {
            let mut alignment = self.align_unchecked(&zh.text, &en.text);
            alignment.metadata = metadata;
            return Ok(alignment);
        }
        let run = || {
            let (zh_doc, en_doc) = rayon::join(
                || self.segment_input(zh, Lang::Zh),
                || self.segment_input(en, Lang::En),
            );
            self.align_documents(&zh_doc, &en_doc)
        };
        let mut alignment = match &self.pool {
            Some(pool) => pool.install(run),
            None => run(),
        };
        alignment.metadata = metadata;
        Ok(alignment)
    }

    /// Read, decode and align two files.
    ///
    /// ```
    /// use bitext_pipeline::Aligner;
    /// use std::path::Path;
    ///
    /// let pair = Path::new("../../data/cpc63-programme25");
    /// let alignment = Aligner::builder().build()?.align_files(&pair.join("zh.txt"), &pair.join("en.txt"))?;
    /// alignment.check_related()?;
    /// assert!(alignment.paired_share() > 0.9);
    /// let missing = Aligner::builder().build()?.align_files(Path::new("nope.zh.txt"), &pair.join("en.txt"));
    /// assert_eq!(missing.unwrap_err().to_string(), "nope.zh.txt: cannot read: no such file");
    /// # Ok::<(), bitext_pipeline::Error>(())
    /// ```
    pub fn align_files(&self, zh: &Path, en: &Path) -> Result<Alignment> {
        let read = |encoding| ReadOptions {
            encoding,
            ..ReadOptions::default()
        };
        let zh = read_file(zh, &read(self.options.zh_encoding))?;
        let en = read_file(en, &read(self.options.en_encoding))?;
        self.align_inputs(&zh, &en)
    }

    /// Segment (unless presegmented) and align, without the language check.
    pub fn align_unchecked(&self, zh_text: &str, en_text: &str) -> Alignment {
        match &self.pool {
            Some(pool) => pool.install(|| self.align_here(zh_text, en_text)),
            None => self.align_here(zh_text, en_text),
        }
    }

    fn align_here(&self, zh_text: &str, en_text: &str) -> Alignment {
        let (zs, es) = (&self.zh, &self.en);
        if self.options.presegmented {
            let (zh, en) = rayon::join(|| presegmented(zs, zh_text), || presegmented(es, en_text));
            return self.link(zh, en, false);
        }
        let (zh_doc, en_doc) = rayon::join(
            || self.segment(zh_text, Lang::Zh),
            || self.segment(en_text, Lang::En),
        );
        self.align_documents(&zh_doc, &en_doc)
    }

    /// Align two segmented documents (sentences inside paragraphs, or paragraphs).
    fn align_documents(&self, zh_doc: &Document, en_doc: &Document) -> Alignment {
        let level = self.options.level;
        let zh = from_document(&self.zh, zh_doc, level);
        let en = from_document(&self.en, en_doc, level);
        self.link(zh, en, level == Level::Sentence)
    }

    fn link(&self, zh: Side, en: Side, by_blocks: bool) -> Alignment {
        let links = if by_blocks {
            align_blocks_then_units(&zh.units, &en.units, &zh.blocks, &en.blocks, &self.config)
        } else {
            align_units(&zh.units, &en.units, &self.config)
        };
        Alignment {
            zh,
            en,
            links,
            metadata: Default::default(),
            min_score: self.options.min_score,
            relatedness: Relatedness {
                paired_share: self.options.unrelated_paired_share,
                partial_share: self.options.partial_translation_share,
                partial_min_units: self.options.partial_translation_min_units,
            },
        }
    }
}

/// Refuse swapped inputs: the "zh" text written in Latin script and the "en" text in
/// Han. Names are what the messages call the two inputs.
pub fn check_languages(zh_name: &str, zh_text: &str, en_name: &str, en_text: &str) -> Result<()> {
    let zh = ScriptCounts::of(zh_text).han_share();
    let en = ScriptCounts::of(en_text).han_share();
    let message = if zh < 0.2 && en > 0.5 {
        format!("the languages look swapped: {zh_name} (given as ZH) is mostly Latin script and {en_name} (given as EN) is mostly Chinese; put the Chinese file first: bitext align {en_name} {zh_name}")
    } else if zh < 0.05 {
        format!("{zh_name}: given as the Chinese file but it contains almost no Chinese characters")
    } else if en > 0.5 {
        format!("{en_name}: given as the English file but it is mostly Chinese")
    } else {
        return Ok(());
    };
    Err(Error::Languages(message))
}

/// The alignment of one document pair: both sides' units and the links between them.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub zh: Side,
    pub en: Side,
    /// Every unit of both sides is in exactly one link; links in document order.
    pub links: Vec<Link>,
    /// The document symbol and date from the inputs' headers and front matter (the
    /// Chinese version's where both give one): `doc` and `doc_date` of the records.
    pub metadata: crate::metadata::DocumentMetadata,
    min_score: f64,
    relatedness: Relatedness,
}

/// The thresholds of [`Alignment::check_related`] (from [`AlignOptions`]).
#[derive(Debug, Clone, Copy)]
struct Relatedness {
    paired_share: f64,
    partial_share: f64,
    partial_min_units: usize,
}

impl Alignment {
    /// One record per link (paired links below the options' `min_score` left out),
    /// ready for any [`bitext_formats::CorpusWriter`].
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        self.links
            .iter()
            .filter(|l| !l.is_paired() || l.score >= self.min_score)
            .map(move |link| self.record(link))
    }

    /// The record of one link, whatever its score: its paragraph (the English unit's,
    /// else the Chinese one's), shared anchors, footnote references of both sides.
    pub fn record(&self, link: &Link) -> Record {
        let zh: Vec<&str> = link.zh.iter().map(|&i| self.zh.body[i].as_str()).collect();
        let en: Vec<&str> = link.en.iter().map(|&j| self.en.body[j].as_str()).collect();
        let block = link
            .en
            .first()
            .and_then(|&j| self.en.block[j].clone())
            .or_else(|| link.zh.first().and_then(|&i| self.zh.block[i].clone()));
        let (z, e) = self.anchor_sets(link);
        // Both versions usually carry the same marker: each once, in order.
        let mut footnote_refs: Vec<String> = Vec::new();
        for r in link
            .zh
            .iter()
            .filter_map(|&i| self.zh.footnotes.get(i))
            .chain(link.en.iter().filter_map(|&j| self.en.footnotes.get(j)))
            .flatten()
        {
            if !footnote_refs.contains(r) {
                footnote_refs.push(r.clone());
            }
        }
        Record {
            footnote_refs,
            zh: zh.join(""),
            en: en.join(" "),
            score: link.score,
            block,
            meta: bitext_formats::RecordMeta {
                doc: self.metadata.symbol.clone(),
                doc_date: self.metadata.date.clone(),
                ..Default::default()
            },
            zh_ids: link.zh.clone(),
            en_ids: link.en.clone(),
            anchors: z.intersection(&e).cloned().collect(),
            ..Record::default()
        }
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
            let (z, e) = self.anchor_sets(l);
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

    /// Share of the shorter side's units that are in a paired link: high for a partial
    /// translation, whatever the length of the other side.
    pub fn shorter_side_paired_share(&self) -> f64 {
        let paired = |ids: fn(&Link) -> &Vec<usize>| -> usize {
            self.links
                .iter()
                .filter(|l| l.is_paired())
                .map(|l| ids(l).len())
                .sum()
        };
        let (zn, en) = (self.zh.units.len(), self.en.units.len());
        let (p, n) = if zn <= en {
            (paired(|l| &l.zh), zn)
        } else {
            (paired(|l| &l.en), en)
        };
        if n == 0 {
            0.0
        } else {
            p as f64 / n as f64
        }
    }

    /// `Err(Error::Unrelated)` when the two texts do not look like translations of each
    /// other: too few units found a counterpart, on both sides together and on the
    /// shorter side (a partial translation pairs most of its shorter side).
    pub fn check_related(&self) -> Result<()> {
        let paired_share = self.paired_share();
        let r = self.relatedness;
        let shorter = self.zh.units.len().min(self.en.units.len());
        if paired_share >= r.paired_share
            || (shorter >= r.partial_min_units
                && self.shorter_side_paired_share() >= r.partial_share)
        {
            return Ok(());
        }
        let (mean_confidence, anchor_agreement) = self.agreement();
        Err(Error::Unrelated {
            paired_share,
            anchor_agreement,
            mean_confidence,
        })
    }

    /// The anchor keys of a link's zh units and of its en units.
    fn anchor_sets(&self, link: &Link) -> (BTreeSet<String>, BTreeSet<String>) {
        let keys = |side: &Side, ids: &[usize]| -> BTreeSet<String> {
            ids.iter()
                .flat_map(|&i| side.units[i].anchors.iter().map(|a| a.to_string()))
                .collect()
        };
        (keys(&self.zh, &link.zh), keys(&self.en, &link.en))
    }
}

/// An anchor of the body of the `k`-th unit of a link ([`Side::body_anchors`]) as it
/// stands in the link's text: a label that begins the link is no content, a numbered
/// label that begins a later sentence (`2.` of a run-in list) is a number in mid-text.
fn in_link_text(k: usize, anchor: &bitext_core::Anchor) -> Option<bitext_core::Anchor> {
    use bitext_core::{Anchor, AnchorKind};
    let numbered = !anchor.key.is_empty() && anchor.key.bytes().all(|b| b.is_ascii_digit());
    match anchor.kind {
        AnchorKind::Label if k > 0 && numbered => {
            Some(Anchor::new(AnchorKind::Number, anchor.key.clone()))
        }
        AnchorKind::Label => None,
        _ => Some(anchor.clone()),
    }
}

/// The aligner's configuration for these options: built-in terms and lexicon unless disabled,
/// user glossaries and lexicons, the lexicon rounds.
pub fn load_config(
    zh: &dyn Segmenter,
    en: &dyn Segmenter,
    options: &AlignOptions,
) -> Result<Config> {
    let mut config = Config {
        lexicon_rounds: options.lexicon_rounds,
        ..Config::default()
    };
    if !options.verify_links {
        config.verifier = None;
    }
    if options.builtin_glossary {
        for (text, name) in [
            (BUILTIN_GLOSSARY, "built-in glossary"),
            (BUILTIN_COMMON_WORDS, "built-in common words"),
        ] {
            config
                .glossary
                .extend(glossary_from_tsv(zh, en, text, name)?);
        }
    }
    if options.builtin_lexicon {
        config.glossary.extend(static_lexicon_from_tsv(
            BUILTIN_LEXICON,
            "built-in lexicon",
        )?);
    }
    if options.builtin_dictionary {
        // At the weight of a glossary term: lower weights were worse on the dev gold
        // (cross-validated strict F1 of peace 0.997 at the glossary's 0.9, 0.824 at
        // 0.5, 0.849 at 0.25, the verifier refitted each time).
        config.glossary.sorted.push(builtin_dictionary());
    }
    for path in &options.glossaries {
        config.glossary.extend(glossary_from_file(zh, en, path)?);
    }
    for path in &options.lexicons {
        let text = read_text(path, "lexicon")?;
        config
            .glossary
            .extend(lexicon_from_tsv(&text, &path.display().to_string())?);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in dictionary is indexed without checks ([`builtin_dictionary`]):
    /// it must be sorted and without blank lines, which the checked index tells.
    #[test]
    fn the_builtin_dictionary_is_what_the_checked_index_accepts() {
        let checked = SortedLexicon::new(BUILTIN_DICTIONARY, 1.0).expect("sorted");
        assert_eq!(checked.len(), BUILTIN_DICTIONARY.lines().count());
        assert_eq!(builtin_dictionary().len(), checked.len());
        assert!(checked.len() > 50_000);
    }

    #[test]
    fn check_reads_the_anchors_of_units_as_they_stand_in_the_link() {
        // A run-in list: the Chinese starts a sentence at `2.`, the English has it
        // mid-sentence. Both sides have the number, and the paragraph's own label,
        // moved to the record's block, is no content.
        let aligner = Aligner::builder().build().unwrap();
        let zh = "12. 包括：1.高层领导的参与。2.使变革管理更加系统化，在2023年。\n";
        let en = "12. This includes: 1. engagement by senior leaders; 2. making change management more systematic, in 2023.\n";
        let alignment = aligner.align_unchecked(zh, en);
        let links = aligner.link_texts(&alignment);
        assert!(!links.is_empty());
        let keys = |f: &bitext_qa::Found| -> BTreeSet<String> {
            f.anchors.iter().map(|a| a.to_string()).collect()
        };
        let (zh_keys, en_keys): (BTreeSet<String>, BTreeSet<String>) = links
            .iter()
            .map(|l| (keys(&l.zh_found), keys(&l.en_found)))
            .fold(Default::default(), |(mut z, mut e), (a, b)| {
                z.extend(a);
                e.extend(b);
                (z, e)
            });
        assert!(zh_keys.contains("num:2"), "{zh_keys:?}");
        assert!(en_keys.contains("num:2"), "{en_keys:?}");
        assert!(
            !zh_keys.iter().any(|k| k.starts_with("label:")),
            "{zh_keys:?}"
        );
        let findings = bitext_qa::Checker::new(bitext_qa::Glossary::default()).check(&links, &[]);
        assert!(
            !findings
                .iter()
                .any(|f| f.check == bitext_qa::Check::AnchorMismatch),
            "{findings:?}"
        );
        assert!(links
            .iter()
            .all(|l| l.zh_found.length > 0.0 && l.en_found.length > 0.0));
    }
}
