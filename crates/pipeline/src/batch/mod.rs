//! Whole collections: document pairs aligned in parallel, in collection order, with
//! bounded memory, a per-document [`DocReport`], optional per-document output files,
//! resumption, cancellation and a lexicon shared by the whole batch. `bitext batch`
//! and the Python package's Dask recipe are both front ends of this module.
//!
//! A document that fails, or whose texts look unrelated, is data, not an error: its
//! report says why and the batch goes on.
//!
//! ```no_run
//! use bitext_pipeline::batch::{Batch, BatchOptions};
//! use bitext_pipeline::pairing::pairs_from_manifest;
//! use bitext_pipeline::{corpus::CorpusOutput, Aligner, Error, WriterOptions};
//! use std::path::Path;
//!
//! let pairs = pairs_from_manifest(Path::new("pairs.tsv"))?;
//! let aligner = Aligner::builder().build()?;
//! let options = BatchOptions::default();
//! let mut batch = Batch::new(&aligner, &pairs, &options)?;
//! let out = CorpusOutput::new(None, Some(Path::new("corpus.tmx")))?;
//! out.write::<Error>(&WriterOptions::default(), &mut batch)?;
//! for report in batch.finish(None) {
//!     println!("{}: {}", report.id, report.status);
//! }
//! # Ok::<(), Error>(())
//! ```

mod merge;
mod report;

pub use merge::in_manifest_order;
pub use report::{read_report, write_report, DocReport, DocStatus};

use crate::corpus::CorpusOutput;
use crate::error::{Error, Result};
use crate::input::{read_file, ReadOptions};
use crate::pairing::DocumentPair;
use crate::{Aligner, Format, OptionNames, Record, Stats, WriterOptions};
use rayon::prelude::*;
use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

/// What every document of a batch shares, besides the aligner.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// How the Chinese files are read.
    pub zh_read: ReadOptions,
    /// How the English files are read.
    pub en_read: ReadOptions,
    /// Keep documents that look unrelated (by default they are reported, status
    /// [`DocStatus::Unrelated`], and left out of the corpus).
    pub keep_unrelated: bool,
    /// Stop at the first failing document.
    pub fail_fast: bool,
    /// Worker threads (0: one per core). Output does not depend on it.
    pub threads: usize,
    /// How the front end names the options that report messages suggest
    /// (`keep_unrelated`, `zh_encoding`, `max_expanded_mb` …).
    pub names: OptionNames,
}

/// Per-document output files (`bitext batch --split`): each document's corpus is
/// written, atomically, as soon as it is aligned, into one directory.
#[derive(Debug, Clone)]
pub struct SplitOutput<'a> {
    /// The directory.
    pub dir: PathBuf,
    /// The corpus format of every file (not moses: one file per document).
    pub format: Format,
    pub writer: &'a WriterOptions,
}

impl SplitOutput<'_> {
    /// The output file of a document: its id made a safe file name, the format's
    /// extension.
    pub fn path(&self, pair: &DocumentPair) -> PathBuf {
        let name: String = pair
            .id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{name}.{}", self.format.extension()))
    }
}

/// Align one document pair. Errors are data: a failed document gets status
/// [`DocStatus::Failed`] and its reason. With `split` the document's file is written
/// here and no records come back.
pub fn align_document(
    aligner: &Aligner,
    pair: &DocumentPair,
    options: &BatchOptions,
    split: Option<&SplitOutput>,
) -> (DocReport, Vec<Record>) {
    let mut report = DocReport {
        id: pair.id.clone(),
        ..DocReport::default()
    };
    match align_into(aligner, pair, options, split, &mut report) {
        Ok(Some(records)) => {
            report.status = DocStatus::Ok;
            (report, records)
        }
        Ok(None) => {
            report.status = DocStatus::Unrelated;
            (report, Vec::new())
        }
        Err(e) => {
            report.status = DocStatus::Failed;
            report.error = Some(options.names.describe(&e));
            (report, Vec::new())
        }
    }
}

/// The work of [`align_document`]: `None` for a document left out as unrelated.
fn align_into(
    aligner: &Aligner,
    pair: &DocumentPair,
    options: &BatchOptions,
    split: Option<&SplitOutput>,
    report: &mut DocReport,
) -> Result<Option<Vec<Record>>> {
    let zh = read_file(&pair.zh, &options.zh_read)?;
    let en = read_file(&pair.en, &options.en_read)?;
    for note in [&zh, &en].into_iter().filter_map(|i| i.detected_note()) {
        report.warnings.push(options.names.render(&note));
    }
    report.bytes = (zh.text.len() + en.text.len()) as u64;
    let aligned = aligner.align_inputs(&zh, &en)?;
    report.count(&aligned);
    if let Err(unrelated) = aligned.check_related() {
        if !options.keep_unrelated {
            report.error = Some(options.names.render(&format!(
                "{unrelated}; left out of the corpus (`keep_unrelated` includes it)"
            )));
            return Ok(None);
        }
        report.warnings.push(
            options
                .names
                .render(&format!("{unrelated}; included (`keep_unrelated`)")),
        );
    }
    let records = aligned.records().map(|mut r| {
        r.meta.doc = Some(pair.id.clone());
        r
    });
    match split {
        None => Ok(Some(records.collect())),
        Some(split) => {
            let out = CorpusOutput::new(Some(split.format), Some(&split.path(pair)))?;
            let stats = out.write::<Error>(split.writer, records.map(Ok))?;
            report.warnings.extend(left_out_warning(&stats));
            Ok(Some(Vec::new()))
        }
    }
}

/// What a per-document writer left out, for the report.
fn left_out_warning(stats: &Stats) -> Option<String> {
    (stats.skipped_empty > 0).then(|| {
        format!(
            "{} link(s) with no text on a side left out",
            stats.skipped_empty
        )
    })
}

/// What became of one document of a chunk.
enum Outcome {
    /// Aligned (or failed: the report says).
    Done(DocReport, Vec<Record>),
    /// Its output file exists (resumption).
    Skipped,
    /// Cancelled before it started.
    NotStarted,
}

/// A batch run: documents aligned in parallel a chunk at a time, in collection order,
/// so memory is bounded by the chunk, not the corpus, and the output does not depend
/// on the thread count.
///
/// As an [`Iterator`] it yields the records of the documents that succeeded (for one
/// merged corpus), and a final [`Error::Interrupted`] when it was cancelled (so that a
/// corpus that would look complete is not committed). With
/// [`split`](Batch::split) it writes each document's file itself: drive it with
/// [`run`](Batch::run).
pub struct Batch<'a> {
    aligner: &'a Aligner,
    pairs: &'a [DocumentPair],
    options: &'a BatchOptions,
    split: Option<SplitOutput<'a>>,
    resume: bool,
    earlier: BTreeMap<String, DocReport>,
    cancelled: Box<dyn Fn() -> bool + Sync + 'a>,
    on_document: Box<dyn FnMut(&DocReport) + 'a>,
    pool: rayon::ThreadPool,
    next: usize,
    chunk: usize,
    stop: bool,
    buffer: VecDeque<Record>,
    reports: Vec<DocReport>,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("documents", &self.pairs.len())
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<'a> Batch<'a> {
    /// A batch of `pairs`, aligned by `aligner` on `options.threads` workers.
    pub fn new(
        aligner: &'a Aligner,
        pairs: &'a [DocumentPair],
        options: &'a BatchOptions,
    ) -> Result<Self> {
        let pool = worker_pool(options.threads)?;
        Ok(Batch {
            aligner,
            pairs,
            options,
            split: None,
            resume: false,
            earlier: BTreeMap::new(),
            cancelled: Box::new(|| false),
            on_document: Box::new(|_| {}),
            chunk: (pool.current_num_threads() * 4).max(4),
            pool,
            next: 0,
            stop: false,
            buffer: VecDeque::new(),
            reports: Vec::with_capacity(pairs.len()),
        })
    }

    /// Write each document's corpus into its own file.
    pub fn split(mut self, output: SplitOutput<'a>) -> Self {
        self.split = Some(output);
        self
    }

    /// Skip documents whose split output file exists (written atomically, so it is
    /// complete); their rows of an `earlier` report are kept.
    pub fn resume(mut self, earlier: BTreeMap<String, DocReport>) -> Self {
        self.resume = true;
        self.earlier = earlier;
        self
    }

    /// Checked before each document starts: once it says true, documents not yet
    /// started are not started (those under way finish).
    pub fn cancel_when(mut self, cancelled: impl Fn() -> bool + Sync + 'a) -> Self {
        self.cancelled = Box::new(cancelled);
        self
    }

    /// Called with each document's report, in collection order, as it is done (for
    /// progress and messages).
    pub fn on_document(mut self, f: impl FnMut(&DocReport) + 'a) -> Self {
        self.on_document = Box::new(f);
        self
    }

    /// Align every document (the way to drive a [`split`](Batch::split) batch).
    pub fn run(&mut self) {
        while self.next_chunk().is_some() {}
    }

    /// Whether the batch was cancelled.
    pub fn was_cancelled(&self) -> bool {
        (self.cancelled)()
    }

    /// Align the next chunk: each document's records (empty when it failed or was
    /// skipped); `None` at the end.
    fn next_chunk(&mut self) -> Option<Vec<Vec<Record>>> {
        if self.stop || self.next >= self.pairs.len() || (self.cancelled)() {
            self.stop = true;
            return None;
        }
        let group = &self.pairs[self.next..(self.next + self.chunk).min(self.pairs.len())];
        self.next += group.len();
        let (aligner, options, split) = (self.aligner, self.options, self.split.as_ref());
        let (resume, cancelled) = (self.resume, &self.cancelled);
        let results: Vec<Outcome> = self.pool.install(|| {
            group
                .par_iter()
                .map(|pair| {
                    if cancelled() {
                        Outcome::NotStarted
                    } else if resume && split.is_some_and(|s| s.path(pair).exists()) {
                        Outcome::Skipped
                    } else {
                        let (report, records) = align_document(aligner, pair, options, split);
                        Outcome::Done(report, records)
                    }
                })
                .collect()
        });
        let mut out = Vec::with_capacity(group.len());
        for (pair, result) in group.iter().zip(results) {
            let (report, records) = match result {
                Outcome::Done(report, records) => (report, records),
                Outcome::NotStarted => continue,
                Outcome::Skipped => {
                    let report = self
                        .earlier
                        .get(&pair.id)
                        .cloned()
                        .unwrap_or_else(|| DocReport {
                            id: pair.id.clone(),
                            status: DocStatus::Skipped,
                            ..DocReport::default()
                        });
                    (report, Vec::new())
                }
            };
            (self.on_document)(&report);
            self.stop |= self.options.fail_fast && report.status == DocStatus::Failed;
            self.reports.push(report);
            out.push(records);
            if self.stop {
                break;
            }
        }
        Some(out)
    }

    /// The reports of the documents done so far.
    pub fn reports(&self) -> &[DocReport] {
        &self.reports
    }

    /// Every document's report, in collection order. Documents a cancellation left
    /// unaligned say so; with `merged_corpus` (the corpus a cancelled merged batch did
    /// not write) so do the documents that were aligned but are in no output.
    pub fn finish(mut self, merged_corpus: Option<&Path>) -> Vec<DocReport> {
        if (self.cancelled)() {
            let reached = self.reports.len();
            self.reports
                .extend(self.pairs[reached..].iter().map(not_aligned));
            if let Some(corpus) = merged_corpus {
                for r in self
                    .reports
                    .iter_mut()
                    .filter(|r| r.status == DocStatus::Ok)
                {
                    r.status = DocStatus::Interrupted;
                    r.error = Some(format!(
                        "aligned, but the corpus {} was not written: the batch was interrupted",
                        corpus.display()
                    ));
                }
            }
        }
        self.reports
    }
}

impl Iterator for Batch<'_> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.buffer.pop_front() {
                return Some(Ok(r));
            }
            let Some(chunk) = self.next_chunk() else {
                // A cancelled merged corpus is not written: ending the stream here
                // would commit a corpus that looks complete.
                return (self.cancelled)().then_some(Err(Error::Interrupted));
            };
            self.buffer.extend(chunk.into_iter().flatten());
        }
    }
}

/// The report row of a document a cancellation left unaligned.
fn not_aligned(pair: &DocumentPair) -> DocReport {
    DocReport {
        id: pair.id.clone(),
        status: DocStatus::Interrupted,
        error: Some(
            "not aligned: the batch was interrupted (resuming a split batch goes on)".into(),
        ),
        ..DocReport::default()
    }
}

fn worker_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Option(format!("cannot start {threads} worker threads: {e}")))
}

/// How many documents (from the start of the collection) a shared lexicon is learned
/// from: enough text for stable associations (~1 MB of UN reports), few enough to
/// cost little next to a large batch.
pub const SHARED_LEXICON_SAMPLE_DOCS: usize = 16;

/// An aligner whose lexicon is shared by the whole batch: the `sample` documents are
/// aligned by `aligner` as usual, a lexicon is learned from their links, and the
/// aligner returned uses it with no lexicon rounds of its own. Also returns the
/// number of associations learned.
pub fn shared_lexicon_aligner(
    aligner: &Aligner,
    sample: &[DocumentPair],
    options: &BatchOptions,
) -> Result<(Aligner, usize)> {
    let pool = worker_pool(options.threads)?;
    let records: Vec<Record> = pool.install(|| {
        sample
            .par_iter()
            .map(|pair| align_document(aligner, pair, options, None).1)
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    });
    let lexicon = aligner.train_lexicon(&records);
    let temp_error = |e: std::io::Error| Error::Write {
        path: std::env::temp_dir(),
        message: format!("cannot write the shared lexicon: {e}"),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".bitext-lexicon-")
        .suffix(".tsv")
        .tempfile()
        .map_err(temp_error)?;
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        crate::glossary::write_lexicon(&mut out, &lexicon).map_err(temp_error)?;
        std::io::Write::flush(&mut out).map_err(temp_error)?;
    }
    let mut align_options = aligner.options().clone();
    align_options.lexicons.push(file.path().to_path_buf());
    align_options.lexicon_rounds = 0;
    // The aligner reads the lexicon when built; the file can go afterwards.
    let shared = Aligner::new(align_options)?;
    Ok((shared, lexicon.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Four pairs in a temporary folder: two translations (the first sentences of the
    /// report pair), an empty Chinese file, and a pair whose texts are unrelated.
    fn collection(dir: &Path) -> Vec<DocumentPair> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/cpc63-programme25");
        let zh = std::fs::read_to_string(format!("{root}/zh.txt")).unwrap();
        let en = std::fs::read_to_string(format!("{root}/en.txt")).unwrap();
        let head = |t: &str, n: usize| t.lines().take(n).collect::<Vec<_>>().join("\n") + "\n";
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let pair = |id: &str, zh: PathBuf, en: PathBuf| DocumentPair {
            id: id.into(),
            zh,
            en,
        };
        vec![
            pair("a", write("a.zh.txt", &head(&zh, 20)), write("a.en.txt", &head(&en, 20))),
            pair("empty", write("e.zh.txt", ""), write("e.en.txt", &head(&en, 5))),
            pair(
                "unrelated",
                write("u.zh.txt", "今天天气很好，我们去公园散步。\n他喜欢读小说和写诗。\n火车站离这里很远。\n"),
                write("u.en.txt", "The budget was approved in resolution 77/278.\nQuarterly figures rose by 12 per cent.\nThe treaty entered into force.\n"),
            ),
            pair("b", write("b.zh.txt", &head(&zh, 40)), write("b.en.txt", &head(&en, 40))),
        ]
    }

    #[test]
    fn failed_and_unrelated_documents_are_reports_and_the_rest_is_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let pairs = collection(dir.path());
        let aligner = Aligner::builder().build().unwrap();
        let options = BatchOptions {
            threads: 2,
            ..BatchOptions::default()
        };
        let seen = AtomicUsize::new(0);
        let mut batch = Batch::new(&aligner, &pairs, &options)
            .unwrap()
            .on_document(|_| {
                seen.fetch_add(1, Ordering::SeqCst);
            });
        let records: Vec<Record> = (&mut batch).collect::<Result<_>>().unwrap();
        let reports = batch.finish(None);
        let statuses: Vec<_> = reports.iter().map(|r| (r.id.as_str(), r.status)).collect();
        assert_eq!(
            statuses,
            [
                ("a", DocStatus::Ok),
                ("empty", DocStatus::Failed),
                ("unrelated", DocStatus::Unrelated),
                ("b", DocStatus::Ok)
            ]
        );
        assert_eq!(seen.load(Ordering::SeqCst), 4);
        assert!(reports[1].error.as_deref().unwrap().contains("empty"));
        assert!(reports[2]
            .error
            .as_deref()
            .unwrap()
            .contains("`keep_unrelated`"));
        // The records of "a" then "b", each with its document id, nothing else.
        let docs: Vec<&str> = records
            .iter()
            .map(|r| r.meta.doc.as_deref().unwrap())
            .collect();
        let first_b = docs.iter().position(|&d| d == "b").unwrap();
        assert!(first_b > 0 && docs[..first_b].iter().all(|&d| d == "a"));
        assert!(docs[first_b..].iter().all(|&d| d == "b"));
        // One document alone gives the records the batch gave it.
        let (report, alone) = align_document(&aligner, &pairs[0], &options, None);
        assert_eq!(report.status, DocStatus::Ok);
        assert_eq!(alone, records[..first_b]);
    }

    #[test]
    fn a_cancelled_batch_reports_every_document_and_ends_in_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let pairs = collection(dir.path());
        let aligner = Aligner::builder().build().unwrap();
        let options = BatchOptions::default();
        // Cancelled from the start: nothing is aligned, every document says so, and a
        // merged corpus must not be committed (the stream ends in an error).
        let mut batch = Batch::new(&aligner, &pairs, &options)
            .unwrap()
            .cancel_when(|| true);
        let result: Result<Vec<Record>> = (&mut batch).collect();
        assert!(matches!(result, Err(Error::Interrupted)));
        assert!(batch.was_cancelled());
        let reports = batch.finish(Some(Path::new("corpus.tmx")));
        assert_eq!(reports.len(), pairs.len());
        assert!(reports.iter().all(|r| r.status == DocStatus::Interrupted));
    }

    #[test]
    fn fail_fast_stops_after_the_first_failure() {
        let dir = tempfile::tempdir().unwrap();
        let pairs = collection(dir.path());
        let aligner = Aligner::builder().build().unwrap();
        let options = BatchOptions {
            fail_fast: true,
            ..BatchOptions::default()
        };
        let mut batch = Batch::new(&aligner, &pairs, &options).unwrap();
        batch.run();
        let statuses: Vec<DocStatus> = batch.reports().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [DocStatus::Ok, DocStatus::Failed]);
    }
}
