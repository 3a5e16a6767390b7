//! What several subcommands share: format and language flags, how a corpus is
//! written, reading an argument that may be `-`, and reporting writer statistics.

use anyhow::{Context, Result};
use bitext_pipeline::input::{decode_input, read_file, Input, ReadOptions};
use bitext_pipeline::{Format, Stats, WriterOptions};
use clap::ValueEnum;
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutFormat {
    Tsv,
    Csv,
    Tmx,
    Jsonl,
    Moses,
    Links,
}

impl From<OutFormat> for Format {
    fn from(f: OutFormat) -> Self {
        match f {
            OutFormat::Tsv => Format::Tsv,
            OutFormat::Csv => Format::Csv,
            OutFormat::Tmx => Format::Tmx,
            OutFormat::Jsonl => Format::Jsonl,
            OutFormat::Moses => Format::Moses,
            OutFormat::Links => Format::Links,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for bitext_pipeline::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => bitext_pipeline::Lang::Zh,
            LangArg::En => bitext_pipeline::Lang::En,
        }
    }
}

/// How corpora are written (shared by align, batch and convert).
#[derive(clap::Args, Debug)]
pub struct WriterArgs {
    /// Which language comes first in tsv/csv/tmx (the translation source).
    #[arg(long, value_enum, default_value = "en")]
    source: LangArg,
    /// Language code of the English side in TMX.
    #[arg(long, default_value = "en-US")]
    en_lang: String,
    /// Language code of the Chinese side in TMX (e.g. zh-Hans for some CAT tools).
    #[arg(long, default_value = "zh-CN")]
    zh_lang: String,
    /// CSV without the UTF-8 BOM and with LF line ends.
    #[arg(long)]
    no_bom: bool,
    /// Write unpaired units too (one-sided TMX units).
    #[arg(long)]
    keep_unpaired: bool,
}

impl WriterArgs {
    pub fn options(&self, segtype: &str) -> WriterOptions {
        WriterOptions {
            source_is_en: self.source == LangArg::En,
            en_lang: self.en_lang.clone(),
            zh_lang: self.zh_lang.clone(),
            csv_bom: !self.no_bom,
            segtype: segtype.into(),
            keep_unpaired: self.keep_unpaired,
            creation_date: bitext_pipeline::corpus::creation_date(),
            ..WriterOptions::default()
        }
    }
}

/// Read and decode a file argument, or standard input for `-`.
pub fn read_arg(arg: &str, options: &ReadOptions) -> Result<Input> {
    if arg != "-" {
        return Ok(read_file(Path::new(arg), options)?);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(decode_input("<stdin>", &bytes, options)?)
}

/// Tell the user what a writer had to change to write valid output.
pub fn report_stats(stats: &Stats) {
    if stats.removed_control > 0 {
        eprintln!(
            "bitext: warning: removed {} control character(s) that XML 1.0 forbids (CAT tools reject a TMX with any)",
            stats.removed_control
        );
    }
    if stats.replaced_breaks > 0 {
        eprintln!(
            "bitext: warning: replaced {} tab(s)/line break(s) inside text by spaces",
            stats.replaced_breaks
        );
    }
}

/// A worker pool of `threads` (0: one per core).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")
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
