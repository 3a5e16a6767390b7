//! The `bitext` command line. Thin: parse arguments, validate, call the libraries.
//!
//! Exit codes: 0 success; 1 the run completed with findings (`align`: the documents
//! look unrelated, unless `--force`); 2 usage or input error.

mod batch;
mod check;
mod corpus_out;
mod input;
mod output;
mod pipeline;
mod score;
mod srx_mode;

use anyhow::{Context, Result};
use bitext_core::Segmenter;
use bitext_formats::{Format, WriterOptions};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use clap::{Parser, Subcommand, ValueEnum};
use output::Target;
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutFormat {
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
enum LevelArg {
    Sentence,
    Paragraph,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SegmentFormat {
    Tsv,
    Jsonl,
}

#[derive(clap::Args, Debug)]
struct AlignArgs {
    /// The Chinese text (a file, or - for standard input).
    zh: String,
    /// The English text (a file, or - for standard input).
    en: String,
    /// Output file (default: standard output). The format follows the extension
    /// (.tmx, .tmx.gz, .csv, .tsv, .jsonl) unless -f is given; for -f moses it is a
    /// prefix: PREFIX.en and PREFIX.zh.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else tsv).
    #[arg(short, long, value_enum)]
    format: Option<OutFormat>,
    /// Align sentences (inside aligned paragraphs) or whole paragraphs.
    #[arg(long, value_enum, default_value = "sentence")]
    level: LevelArg,
    /// Each input line is one unit, aligned as given: no cleaning, no re-segmentation
    /// (the way hunalign, vecalign and Bertalign take their input).
    #[arg(long)]
    presegmented: bool,
    /// Worker threads (0: one per core). Output is identical for any count.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Extra term pairs as evidence (TSV with columns en and zh; zh variants separated by |).
    #[arg(long)]
    glossary: Vec<PathBuf>,
    /// A lexicon trained with `bitext lexicon train`.
    #[arg(long)]
    lexicon: Vec<PathBuf>,
    /// Re-estimation rounds of the lexicon learned from the input: 2 is the most
    /// accurate; 1 is ~1.6× faster (health dev F1 0.976 instead of 0.978); 0 uses the
    /// glossaries only.
    #[arg(long, default_value_t = 2)]
    lexicon_rounds: usize,
    /// Do not use the built-in list of core UN terms.
    #[arg(long)]
    no_builtin_glossary: bool,
    /// Leave out paired links whose confidence is below this (0–1).
    #[arg(long, default_value_t = 0.0)]
    min_score: f64,
    /// Write the corpus even when the documents look unrelated.
    #[arg(long)]
    force: bool,
    /// Sentence boundaries from SRX 2.0 rules, as a CAT tool segments: a file, or
    /// `default` for the built-in rules (OmegaT/LanguageTool conventions).
    #[arg(long, value_name = "FILE|default")]
    srx: Option<String>,
    /// Encoding of an input that is not UTF-8 and has no BOM (gbk, gb18030, big5,
    /// utf-16le, windows-1252 …); without it such a file is tried as GB18030.
    #[arg(long)]
    encoding: Option<String>,
    #[command(flatten)]
    writer: WriterArgs,
}

#[derive(clap::Args, Debug)]
struct ConvertArgs {
    /// The corpus to read (a file, or PREFIX with --from moses).
    input: PathBuf,
    /// Output file (default: standard output); a prefix for -f moses.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else tsv).
    #[arg(short, long, value_enum)]
    format: Option<OutFormat>,
    /// Input format (default: from the input extension).
    #[arg(long, value_enum)]
    from: Option<OutFormat>,
    #[command(flatten)]
    writer: WriterArgs,
}

/// How corpora are written (shared by align and convert).
#[derive(clap::Args, Debug)]
struct WriterArgs {
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
    fn options(&self, segtype: &str) -> WriterOptions {
        WriterOptions {
            source_is_en: self.source == LangArg::En,
            en_lang: self.en_lang.clone(),
            zh_lang: self.zh_lang.clone(),
            csv_bom: !self.no_bom,
            segtype: segtype.into(),
            keep_unpaired: self.keep_unpaired,
            creation_date: creation_date(),
            ..WriterOptions::default()
        }
    }
}

#[derive(Subcommand, Debug)]
enum LexiconCommand {
    /// Learn zh–en token associations (Dice) from the linked pairs of a corpus.
    #[command(
        after_help = "Example:\n  bitext lexicon train my-tm.tmx -o my.lexicon.tsv\n  bitext align zh.txt en.txt --lexicon my.lexicon.tsv -o corpus.tmx"
    )]
    Train {
        /// An aligned corpus (TMX, CSV, TSV, JSONL; PREFIX with --from moses).
        corpus: PathBuf,
        /// Output lexicon (TSV zh, en, weight; default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Input format (default: from the extension).
        #[arg(long, value_enum)]
        from: Option<OutFormat>,
    },
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Align a Chinese and an English text and write the corpus.
    #[command(after_help = "Examples:\n  \
bitext align zh.txt en.txt -o corpus.tmx\n  \
bitext align zh.txt en.txt -f csv -o corpus.csv --source zh\n  \
bitext align zh.lines en.lines --presegmented -f links > links.tsv\n  \
bitext align zh.txt en.txt -f moses -o testset      # writes testset.en and testset.zh")]
    Align(AlignArgs),
    /// Segment one text and print its units (sentences, removed page debris) with anchors.
    #[command(
        after_help = "Example:\n  bitext segment data/cpc63-programme25/en.txt --lang en -f jsonl | head"
    )]
    Segment {
        /// The text (a file, or - for standard input).
        file: String,
        /// Language of the text.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// Output format: tsv (kind, block, text) or jsonl (one object per unit).
        #[arg(short, long, value_enum, default_value = "tsv")]
        format: SegmentFormat,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Sentence boundaries from SRX 2.0 rules (a file, or `default`).
        #[arg(long, value_name = "FILE|default")]
        srx: Option<String>,
    },
    /// Train a translation lexicon from an aligned corpus, for `align --lexicon`.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Convert a corpus between formats (TMX, CSV, TSV, JSONL, line-aligned).
    #[command(after_help = "Examples:\n  \
bitext convert corpus.tmx -o corpus.csv\n  \
bitext convert vendor.tmx -f moses -o testset     # testset.en + testset.zh\n  \
bitext convert testset --from moses -o corpus.tmx  # reads testset.en + testset.zh")]
    Convert(ConvertArgs),
    /// Align many document pairs (directories paired by name, or a manifest) into one
    /// corpus or one file per document, with a per-document report.
    #[command(after_help = "Examples:\n  \
bitext batch --zh-dir zh/ --en-dir en/ -o corpus.tmx --report report.csv\n  \
bitext batch --manifest pairs.tsv --split -o out/ -f tsv --resume\n\n\
Exit codes: 0 all documents aligned, 1 some documents failed (each is named; the batch goes on\n\
unless --fail-fast), 2 usage or input error.")]
    Batch(batch::BatchArgs),
    /// Check terminology and consistency of an aligned corpus (exit 1 when there are findings).
    #[command(after_help = "Examples:\n  \
bitext check corpus.tmx --glossary unterm.tbx\n  \
bitext check corpus.tsv --skip length-outlier -f json > findings.jsonl\n  \
bitext check --zh zh.txt --en en.txt --glossary data/glossary/un-core.tsv")]
    Check(check::CheckArgs),
    /// Score MT output like sacrebleu: BLEU, chrF, chrF++, TER; sentence-level; paired bootstrap.
    #[command(after_help = "Examples:\n  \
bitext score --ref testset.zh --hyp system.zh -m bleu,chrf,ter\n  \
bitext score --ref corpus.tmx --lang zh --hyp system.zh -f json\n  \
bitext score --ref testset.en --hyp base.en --hyp new.en --bootstrap 1000 --seed 1")]
    Score(score::ScoreArgs),
    /// Score predicted alignment links against gold links (strict and lax P/R/F1).
    #[command(
        after_help = "Example:\n  bitext align zh.txt en.txt --presegmented -f links -o pred.tsv\n  bitext eval gold.tsv pred.tsv"
    )]
    Eval {
        /// Gold links (TSV zh<TAB>en, comma-separated 0-based ids).
        gold: PathBuf,
        /// Predicted links, same format.
        pred: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // A bug must not greet the user with a stack trace: one line, and exit 2.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("bitext: internal error ({what}); this is a bug, please report it with the command that caused it");
    }));
    let result = match std::panic::catch_unwind(|| run(cli)) {
        Ok(result) => result,
        Err(_) => return ExitCode::from(2),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bitext: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Align(args) => align(args),
        Command::Segment {
            file,
            lang,
            format,
            output,
            srx,
        } => segment(&file, lang, format, output, srx.as_deref()),
        Command::Eval { gold, pred } => eval(&gold, &pred),
        Command::Convert(args) => convert(args),
        Command::Score(args) => score::run(args),
        Command::Check(args) => check::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Lexicon(LexiconCommand::Train {
            corpus,
            output,
            from,
        }) => lexicon_train(&corpus, output, from),
    }
}

fn read_text(path: &std::path::Path) -> Result<String> {
    Ok(input::read_allow_empty(&path.to_string_lossy())?.text)
}

fn eval(gold: &std::path::Path, pred: &std::path::Path) -> Result<u8> {
    let g = bitext_align::eval::parse_links(&read_text(gold)?, &gold.display().to_string())?;
    let p = bitext_align::eval::parse_links(&read_text(pred)?, &pred.display().to_string())?;
    println!("{}", bitext_align::eval::score(&g, &p));
    Ok(0)
}

fn segment(
    file: &str,
    lang: LangArg,
    format: SegmentFormat,
    output: Option<PathBuf>,
    srx: Option<&str>,
) -> Result<u8> {
    let target = Target::from_arg(output.as_deref());
    target.check_writable(&[file])?;
    let rules = srx.map(srx_mode::SrxRules::load).transpose()?;
    let input = input::read(file, None)?;
    let seg: Box<dyn Segmenter> = match lang {
        LangArg::Zh => Box::new(ChineseSegmenter::new()),
        LangArg::En => Box::new(EnglishSegmenter::new()),
    };
    let doc = match (&rules, lang) {
        (Some(r), LangArg::Zh) => seg.segment_with(&input.text, &|t: &str| r.split_zh(t)),
        (Some(r), LangArg::En) => seg.segment_with(&input.text, &|t: &str| r.split_en(t)),
        (None, _) => seg.segment(&input.text),
    };
    output::write_atomically(&target, |out| {
        if let SegmentFormat::Tsv = format {
            writeln!(out, "kind\tblock\ttext")?;
        }
        for block in &doc.blocks {
            for s in &block.sentences {
                match format {
                    SegmentFormat::Tsv => writeln!(
                        out,
                        "{}\t{}\t{}",
                        block.kind,
                        block.label.as_deref().unwrap_or(""),
                        s.text.replace(['\t', '\n'], " ")
                    )?,
                    SegmentFormat::Jsonl => {
                        let value = serde_json::json!({
                            "kind": block.kind.as_str(),
                            "block": block.label,
                            "text": s.text,
                            "start": s.start,
                            "end": s.end,
                            "anchors": s.anchors.iter().map(|a| serde_json::json!({"kind": a.kind.as_str(), "key": a.key})).collect::<Vec<_>>(),
                        });
                        writeln!(out, "{value}")?;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(0)
}

fn lexicon_train(
    corpus: &std::path::Path,
    output: Option<PathBuf>,
    from: Option<OutFormat>,
) -> Result<u8> {
    let name = corpus.display().to_string();
    let format = match from.map(Format::from) {
        Some(f) => f,
        None => Format::from_path(corpus)
            .with_context(|| format!("{name}: cannot tell the format from the name; use --from"))?,
    };
    let target = Target::from_arg(output.as_deref());
    target.check_writable(&[&name])?;
    let (zs, es) = (ChineseSegmenter::new(), EnglishSegmenter::new());
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for record in corpus_out::read_corpus(corpus, format)? {
        let r = record?;
        if r.zh.trim().is_empty() || r.en.trim().is_empty() {
            continue;
        }
        zh.push(pipeline::unit(&zs, &r.zh, &r.zh));
        en.push(pipeline::unit(&es, &r.en, &r.en));
    }
    if zh.is_empty() {
        anyhow::bail!("{name}: no pairs with both a Chinese and an English side");
    }
    let lexicon = bitext_align::train_lexicon(&zh, &en);
    output::write_atomically(&target, |out| {
        writeln!(out, "zh\ten\tweight")?;
        for (z, e, w) in &lexicon {
            writeln!(out, "{z}\t{e}\t{w:.3}")?;
        }
        Ok(())
    })?;
    eprintln!(
        "bitext: learned {} associations from {} pairs",
        lexicon.len(),
        zh.len()
    );
    Ok(0)
}

fn convert(args: ConvertArgs) -> Result<u8> {
    if matches!(args.format, Some(OutFormat::Links)) {
        anyhow::bail!("-f links lists unit ids of an alignment run; a corpus file has none (use bitext align -f links)");
    }
    let input_name = args.input.display().to_string();
    let from = match args.from.map(Format::from) {
        Some(f) => f,
        None => Format::from_path(&args.input).with_context(|| {
            format!("{input_name}: cannot tell the format from the name; use --from tmx|csv|tsv|jsonl|moses")
        })?,
    };
    let out = corpus_out::CorpusOutput::new(args.format.map(Format::from), args.output.as_deref())?;
    out.check(&[&input_name])?;
    let records = corpus_out::read_corpus(&args.input, from)?;
    let stats = out.write(&args.writer.options("sentence"), records)?;
    if stats.records == 0 {
        eprintln!("bitext: warning: {input_name}: no translation units found");
    }
    Ok(0)
}

fn creation_date() -> String {
    // SOURCE_DATE_EPOCH makes output reproducible.
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn align(args: AlignArgs) -> Result<u8> {
    if args.zh == "-" && args.en == "-" {
        anyhow::bail!("only one of ZH and EN can be - (standard input)");
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        anyhow::bail!(
            "--min-score must be between 0 and 1, got {}",
            args.min_score
        );
    }
    let out = corpus_out::CorpusOutput::new(args.format.map(Format::from), args.output.as_deref())?;
    out.check(&[&args.zh, &args.en])?;
    let encoding = args
        .encoding
        .as_deref()
        .map(input::encoding_for)
        .transpose()?;
    let zh_in = input::read(&args.zh, encoding)?;
    let en_in = input::read(&args.en, encoding)?;
    pipeline::check_languages(&zh_in.name, &zh_in.text, &en_in.name, &en_in.text)?;

    let level = match args.level {
        LevelArg::Sentence => pipeline::Level::Sentence,
        LevelArg::Paragraph => pipeline::Level::Paragraph,
    };
    let mut aligner = pipeline::DocAligner::new(
        !args.no_builtin_glossary,
        &args.glossary,
        &args.lexicon,
        args.srx.as_deref(),
        args.presegmented,
        level,
    )?;
    aligner.config.lexicon_rounds = args.lexicon_rounds;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start worker threads")?;
    let aligned = pool.install(|| aligner.align_texts(&zh_in.text, &en_in.text));

    let (mean, agreement) = aligned.agreement();
    let paired_share = aligned.paired_share();
    // Translations pair most of their units; unrelated texts pair almost none
    // (measured: 70–100% for real pairs, under 15% for unrelated ones).
    if paired_share < pipeline::UNRELATED_PAIRED_SHARE && !args.force {
        eprintln!(
            "bitext: warning: the documents look unrelated: only {:.0}% of the units found a counterpart (anchor agreement {:.0}%, mean link confidence {:.0}%); nothing written. Use --force to write the corpus anyway.",
            paired_share * 100.0,
            agreement * 100.0,
            mean * 100.0
        );
        return Ok(1);
    }

    let options = args.writer.options(match args.level {
        LevelArg::Sentence => "sentence",
        LevelArg::Paragraph => "paragraph",
    });
    let records = || {
        aligned
            .records()
            .filter(|r| !r.is_paired() || r.score >= args.min_score)
    };
    out.write(&options, records().map(Ok))?;
    Ok(0)
}
