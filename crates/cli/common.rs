//! What several subcommands share: format and language flags, how a corpus is
//! written, reading an argument that may be `-`, and reporting writer statistics.

pub use crate::interrupt::{interrupted, note_interrupt, stop_cleanly_on_interrupt};
pub use crate::lenient::Skipped;
use anyhow::{Context, Result};
use bitext_pipeline::input::{decode_input, read_file, Input, ReadOptions};
use bitext_pipeline::{Lang, Stats, WriterOptions};
use clap::builder::TypedValueParser;
use std::io::Read;
use std::path::Path;

/// A value parser over the names of a library enum (`Format::ALL` and
/// `Format::name`): `--help` lists the library's names, a wrong one is refused with
/// them, and the command line keeps no copy of the enum.
pub fn named<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    let names: Vec<&'static str> = all.iter().map(|&v| name(v)).collect();
    clap::builder::PossibleValuesParser::new(names).map(move |chosen| {
        *all.iter()
            .find(|&&v| name(v) == chosen)
            .expect("clap accepts only the listed names")
    })
}

/// How corpora are written (shared by align, batch and convert).
#[derive(clap::Args, Debug)]
pub struct WriterArgs {
    /// Which language comes first in tsv/csv/tmx (the translation source).
    #[arg(long, default_value = "en", value_parser = named(&Lang::ALL, Lang::code))]
    source: Lang,
    /// Language code of the English side in TMX [default: en-US]. Given, it also
    /// relabels units read from a TMX with tags of their own (otherwise kept as read).
    #[arg(long)]
    en_lang: Option<String>,
    /// Language code of the Chinese side in TMX (e.g. zh-Hans for some CAT tools)
    /// [default: zh-CN]. Given, it also relabels units read with tags of their own
    /// (a vendor TMX's zh-TW otherwise stays zh-TW).
    #[arg(long)]
    zh_lang: Option<String>,
    /// CSV without the UTF-8 BOM and with LF line ends.
    #[arg(long)]
    no_bom: bool,
    /// Write unpaired units too (one-sided TMX units).
    #[arg(long)]
    keep_unpaired: bool,
    /// Keep every pair in TMX, CSV and TSV. By default pairs a TM should not offer
    /// are left out and counted: both sides identical (text left in English in the
    /// Chinese version), a side without letters (numbers only), exact repeats. JSONL
    /// keeps them anyway, flagged in `tm_flaw`.
    #[arg(long)]
    keep_all: bool,
}

impl WriterArgs {
    pub fn options(&self, segtype: &str) -> WriterOptions {
        WriterOptions {
            source_is_en: self.source == Lang::En,
            en_lang: self.en_lang.clone().unwrap_or_else(|| "en-US".into()),
            zh_lang: self.zh_lang.clone().unwrap_or_else(|| "zh-CN".into()),
            relabel: self.en_lang.is_some() || self.zh_lang.is_some(),
            csv_bom: !self.no_bom,
            segtype: segtype.into(),
            keep_unpaired: self.keep_unpaired,
            tm_hygiene: !self.keep_all,
            creation_date: bitext_pipeline::corpus::creation_date(),
            ..WriterOptions::default()
        }
    }
}

/// Read and decode a file argument, or standard input for `-`; say so when the
/// encoding had to be guessed.
pub fn read_arg(arg: &str, options: &ReadOptions) -> Result<Input> {
    let input = if arg != "-" {
        read_file(Path::new(arg), options)?
    } else {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        decode_input("<stdin>", &bytes, options)?
    };
    if let Some(note) = input.detected_note() {
        say!("bitext: note: {}", option_names().render(&note));
    }
    Ok(input)
}

/// The encodings of the two sides: `--encoding` for both, the side's own flag first.
#[derive(clap::Args, Debug, Default)]
pub struct EncodingArgs {
    /// Encoding of both inputs when they are not UTF-8 and have no BOM (gbk, gb18030,
    /// big5, utf-16le, windows-1252 …). Without it the encoding is detected (a note
    /// says what was guessed) and refused when it cannot be told.
    #[arg(long)]
    encoding: Option<String>,
    /// Encoding of the Chinese input (overrides --encoding).
    #[arg(long)]
    zh_encoding: Option<String>,
    /// Encoding of the English input (overrides --encoding).
    #[arg(long)]
    en_encoding: Option<String>,
    /// Largest text a packaged document (.docx, or .doc/.odt/.rtf converted) may
    /// expand to, in MB: a small file that unpacks to hundreds of megabytes (a "zip
    /// bomb") is refused instead of taking gigabytes of memory.
    #[arg(long, value_name = "MB", default_value_t = bitext_pipeline::input::DEFAULT_MAX_EXPANDED_MB)]
    max_expanded_mb: u64,
}

impl EncodingArgs {
    /// The encoding named for both sides (`--encoding`), for reading a corpus.
    pub fn both(&self) -> Result<Option<&'static encoding_rs::Encoding>> {
        encoding_arg(&self.encoding)
    }

    /// Read options for the Chinese and the English side.
    pub fn read_options(&self) -> Result<(ReadOptions, ReadOptions)> {
        let lookup = |label: &Option<String>| -> Result<_> {
            Ok(label
                .as_deref()
                .map(bitext_pipeline::input::encoding_for)
                .transpose()?)
        };
        let both = lookup(&self.encoding)?;
        let zh = lookup(&self.zh_encoding)?.or(both);
        let en = lookup(&self.en_encoding)?.or(both);
        let options = |encoding| ReadOptions {
            encoding,
            max_expanded_mb: Some(self.max_expanded_mb),
            ..ReadOptions::default()
        };
        Ok((options(zh), options(en)))
    }
}

/// Tell the user what a writer had to change or leave out.
pub fn report_stats(stats: &Stats) {
    let hygiene = stats.dropped_identical + stats.dropped_no_letters + stats.dropped_duplicate;
    if hygiene > 0 {
        say!(
            "bitext: left out {hygiene} pair(s) a TM should not offer: {} with identical sides, {} with a side without letters, {} repeated (--keep-all keeps them)",
            stats.dropped_identical, stats.dropped_no_letters, stats.dropped_duplicate
        );
    }
    if stats.skipped_empty > 0 {
        say!(
            "bitext: left out {} link(s) with no text on a side (label-only units such as \"(b)\"; the label is in the block column)",
            stats.skipped_empty
        );
    }
    if stats.plain_text_only > 0 {
        say!(
            "bitext: warning: {} segment(s) have inline codes or a Chinese variant tag (zh-TW …) that this format cannot hold: their plain text was written; use TMX or JSONL to keep them",
            stats.plain_text_only
        );
    }
    if stats.metadata_dropped > 0 {
        say!(
            "bitext: warning: {} segment(s) carry a document date or footnote references that this format has no column for: they were left out; use TMX or JSONL to keep them",
            stats.metadata_dropped
        );
    }
    if stats.removed_control > 0 {
        say!(
            "bitext: warning: removed {} control character(s) (NUL, BEL, ESC …) that XML 1.0 forbids and CAT tools and spreadsheets reject",
            stats.removed_control
        );
    }
    if stats.quoted_formulas > 0 {
        say!(
            "bitext: note: {} CSV cell(s) starting with = + - @ were written with a leading ' so that a spreadsheet shows them as text instead of running them (bitext reads them back without it)",
            stats.quoted_formulas
        );
    }
    if stats.replaced_breaks > 0 {
        say!(
            "bitext: warning: replaced {} tab(s)/line break(s) inside text by spaces (also U+2028, NEL, vertical tab, where other tools split lines)",
            stats.replaced_breaks
        );
    }
}

/// True when an error chain ends in a broken pipe (`bitext … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.to_string().contains("Broken pipe")
    })
}

/// The write policy of a command's `--force`.
pub fn policy(force: bool) -> bitext_pipeline::output::WritePolicy {
    bitext_pipeline::output::WritePolicy {
        replace_read_only: force,
    }
}

/// An error and its causes on one line, each said once (a wrapper that already quotes
/// its cause does not get it repeated).
pub fn message(e: &anyhow::Error) -> String {
    option_names().describe(e.as_ref())
}

/// The flags of the library's options, for messages (`` `zh_encoding` `` →
/// `--zh-encoding`).
pub fn option_names() -> bitext_pipeline::OptionNames {
    bitext_pipeline::OptionNames::new([
        ("zh_encoding", "--zh-encoding"),
        ("en_encoding", "--en-encoding"),
        ("format", "--from"),
        ("force", "--force"),
        ("keep_unrelated", "--force"),
        ("min_score", "--min-score"),
        ("shard", "--shard"),
        ("max_expanded_mb", "--max-expanded-mb"),
    ])
}

/// `--encoding` of a command that reads corpora or line files.
pub fn encoding_arg(label: &Option<String>) -> Result<Option<&'static encoding_rs::Encoding>> {
    Ok(label
        .as_deref()
        .map(bitext_pipeline::input::encoding_for)
        .transpose()?)
}

/// Say which languages of a multilingual corpus were not read.
pub fn report_other_languages(name: &str, other: &bitext_pipeline::OtherLanguages) {
    let Ok(other) = other.lock() else {
        return;
    };
    if other.is_empty() {
        return;
    }
    let total: usize = other.values().sum();
    let tags: Vec<String> = other.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    say!(
        "bitext: note: {name}: {total} segment(s) in other languages were not read (bitext corpora hold Chinese and English): {}",
        tags.join(", ")
    );
}

/// `--threads`: 0 (one per core) up to the library's
/// [`MAX_THREADS`](bitext_pipeline::MAX_THREADS), refused here so that clap names the
/// flag and its range.
pub fn parse_threads(value: &str) -> std::result::Result<usize, String> {
    use bitext_pipeline::MAX_THREADS;
    match value.parse::<i64>() {
        Ok(n) if (0..=MAX_THREADS as i64).contains(&n) => Ok(n as usize),
        _ => Err(format!(
            "must be 0 (one thread per core) or a count from 1 to {MAX_THREADS}"
        )),
    }
}

/// A score or share between 0 and 1 (`--min-score`, `--low-score`).
pub fn parse_share(value: &str) -> std::result::Result<f64, String> {
    match value.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("must be a number from 0 to 1 (a confidence)".into()),
    }
}

/// `--bootstrap`: at least one resample (sacrebleu's default is 1000).
pub fn parse_samples(value: &str) -> std::result::Result<usize, String> {
    match value.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n as usize),
        _ => Err("must be a count of resamples of at least 1 (sacrebleu uses 1000)".into()),
    }
}
