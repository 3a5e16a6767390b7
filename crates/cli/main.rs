//! The `bitext` command line. Thin: parse arguments into the library's options, call
//! `bitext-pipeline` and the other libraries, turn results into output and exit codes.
//!
//! Exit codes: 0 success; 1 the run completed with findings (`align`: the documents
//! look unrelated, unless `--force`; `check`: findings; `batch`: some documents
//! failed); 2 usage or input error; 130 interrupted (Ctrl-C, SIGTERM, SIGHUP: how `review`
//! ends; `batch` finishes the documents under way and writes its report first). None
//! of this depends on standard error being open.

/// Write a line to standard error, ignoring a closed stderr: a parent that stopped
/// reading our messages must not stop the work, change the exit code or lose the
/// report (`eprintln!` panics there).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod align;
mod batch;
mod check;
mod common;
mod corpus_cmds;
mod interrupt;
mod lenient;
mod progress;
mod review;
mod score;
mod segment;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "bitext",
    version,
    about = "Align Chinese and English UN reports into a bilingual corpus",
    long_about = "bitext turns the Chinese and English versions of a United Nations report into an aligned \
bilingual corpus: it cleans PDF-extraction debris, segments both sides, aligns paragraphs by their \
anchors (paragraph numbers, document symbols, resolutions, dates, numbers) and sentences inside them, \
and writes TMX, CSV, TSV, JSONL or line-aligned files.\n\n\
Exit codes: 0 success, 1 completed with findings (e.g. the documents look unrelated), 2 usage or input error.",
    after_help = "Example:\n  bitext align data/cpc63-programme25/zh.txt data/cpc63-programme25/en.txt -o corpus.tmx"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Align a Chinese and an English document (text, Word, PDF) and write the corpus.
    #[command(after_help = "Examples:\n  \
bitext align zh.txt en.txt -o corpus.tmx\n  \
bitext align zh.docx en.pdf -o tm.tmx             # .doc/.odt/.rtf too, when LibreOffice is installed\n  \
bitext align zh.txt en.txt -f csv -o corpus.csv --source zh\n  \
bitext align zh.lines en.lines --presegmented -f links > links.tsv\n  \
bitext align zh.txt en.txt -f moses -o testset      # writes testset.en and testset.zh")]
    #[command(allow_negative_numbers = true)]
    Align(align::AlignArgs),
    /// Segment one text and print its units (sentences, removed page debris) with anchors.
    #[command(
        after_help = "Example:\n  bitext segment data/cpc63-programme25/en.txt --lang en -f jsonl | head"
    )]
    Segment(segment::SegmentArgs),
    /// Train a translation lexicon from an aligned corpus, for `align --lexicon`.
    #[command(subcommand)]
    Lexicon(corpus_cmds::LexiconCommand),
    /// Convert a corpus between formats (TMX, CSV, TSV, JSONL, line-aligned), or merge
    /// several corpora (e.g. the shard outputs of `batch --shard`) into one.
    #[command(after_help = "Examples:\n  \
bitext convert corpus.tmx -o corpus.csv\n  \
bitext convert vendor.tmx -f moses -o testset     # testset.en + testset.zh\n  \
bitext convert testset --from moses -o corpus.tmx  # reads testset.en + testset.zh\n  \
bitext convert shard-*.jsonl --manifest pairs.tsv -o corpus.tmx   # merge shards in manifest order")]
    Convert(corpus_cmds::ConvertArgs),
    /// Align many document pairs (directories paired by name, or a manifest) into one
    /// corpus or one file per document, with a per-document report.
    #[command(after_help = "Examples:\n  \
bitext batch --zh-dir zh/ --en-dir en/ -o corpus.tmx --report report.csv\n  \
bitext batch --manifest pairs.tsv --split -o out/ -f tsv --resume\n  \
bitext batch --manifest pairs.tsv --shard 3/8 -o shard-3.jsonl   # one of 8 machines\n\n\
Exit codes: 0 all documents aligned, 1 some documents failed or looked unrelated or some files\n\
had no counterpart (each is named, in the report too, and left out; the batch goes on unless\n\
--fail-fast), 2 usage or input error, 130 interrupted (the report is written first).")]
    #[command(allow_negative_numbers = true)]
    Batch(batch::BatchArgs),
    /// Review an alignment in the browser: see it side by side, fix it, confirm it,
    /// export it (a local server on 127.0.0.1; every edit saved at once).
    #[command(after_help = "Examples:\n  \
bitext review zh.pdf en.docx                      # aligns, then opens the review page\n  \
bitext review zh.review.json                      # continues a saved review\n  \
bitext review vendor.tmx --no-open --port 8765    # reviews an existing corpus\n  \
bitext convert zh.review.json --confirmed-only -o tm.tmx\n\n\
Keys on the page: n/p next/previous suspicious row, j/k (arrows) next/previous row, c confirm,\n\
m link with the next row, u unlink, e edit/split/merge units, / search, Ctrl+Z/Ctrl+Y undo/redo.")]
    #[command(allow_negative_numbers = true)]
    Review(review::ReviewArgs),
    /// Check terminology and consistency of an aligned corpus (exit 1 when there are findings).
    #[command(after_help = "Examples:\n  \
bitext check corpus.tmx --glossary unterm.tbx\n  \
bitext check corpus.tsv --skip length-outlier -f json > findings.jsonl\n  \
bitext check --zh zh.txt --en en.txt --glossary crates/pipeline/data/glossary/un-core.tsv")]
    #[command(allow_negative_numbers = true)]
    Check(check::CheckArgs),
    /// Score MT output like sacrebleu: BLEU, chrF, chrF++, TER; sentence-level; paired bootstrap.
    #[command(after_help = "Examples:\n  \
bitext score --ref testset.zh --hyp system.zh -m bleu,chrf,ter\n  \
bitext score --ref corpus.tmx --lang zh --hyp system.zh -f json\n  \
bitext score --ref testset.en --hyp base.en --hyp new.en --bootstrap 1000 --seed 1")]
    #[command(allow_negative_numbers = true)]
    Score(score::ScoreArgs),
    /// Score predicted alignment links against gold links (strict and lax P/R/F1).
    #[command(
        after_help = "Example:\n  bitext align zh.txt en.txt --presegmented -f links -o pred.tsv\n  bitext eval gold.tsv pred.tsv"
    )]
    Eval {
        /// Gold links (TSV `zh<TAB>en`, comma-separated 0-based ids).
        gold: PathBuf,
        /// Predicted links, same format.
        pred: PathBuf,
    },
}

/// Set when a write to standard output failed because the reader closed the pipe.
static PIPE_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP): remove the temporary files being written,
    // so that every output is either the old file or the complete new one. A command
    // that can stop cleanly (batch: finish the documents under way, write the report)
    // asks for the first interrupt with `common::stop_cleanly_on_interrupt`.
    let _ = ctrlc::set_handler(|| {
        if common::note_interrupt() {
            say!("bitext: interrupted; finishing the documents under way and writing the report (interrupt again to stop at once)");
            return;
        }
        bitext_pipeline::output::remove_temp_files();
        say!("bitext: interrupted; outputs being written were left as they were");
        std::process::exit(130);
    });
    // A bug must not greet the user with a stack trace: one line, and exit 2.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // A closed standard output reached through print!: the reader has all it
        // wanted. (Standard error is written with `say!`, which cannot panic.)
        if what.contains("failed printing to stdout") && what.contains("Broken pipe") {
            PIPE_CLOSED.store(true, std::sync::atomic::Ordering::SeqCst);
            return;
        }
        say!("bitext: internal error ({what}); this is a bug, please report it with the command that caused it");
    }));
    let result = match std::panic::catch_unwind(|| run(cli)) {
        Ok(result) => result,
        Err(_) if PIPE_CLOSED.load(std::sync::atomic::Ordering::SeqCst) => {
            return ExitCode::SUCCESS
        }
        Err(_) => return ExitCode::from(2),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if common::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say!("bitext: error: {}", common::message(&e));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Align(args) => align::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Eval { gold, pred } => corpus_cmds::eval(&gold, &pred),
        Command::Convert(args) => corpus_cmds::convert(args),
        Command::Score(args) => score::run(args),
        Command::Check(args) => check::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Review(args) => review::run(args),
        Command::Lexicon(command) => corpus_cmds::lexicon(command),
    }
}
