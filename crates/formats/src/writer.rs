use crate::{tmx, Error, Record};
use std::io::Write;
use std::path::Path;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Csv,
    Tmx,
    Jsonl,
    /// Line-aligned: `PREFIX.en` and `PREFIX.zh`, paired links only.
    Moses,
    /// Unit ids per link: the evaluation format.
    Links,
}

impl Format {
    /// Every format, for front ends that list them.
    pub const ALL: [Format; 6] = [
        Format::Tsv,
        Format::Csv,
        Format::Tmx,
        Format::Jsonl,
        Format::Moses,
        Format::Links,
    ];

    /// The format's name, as [`from_name`](Format::from_name) takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Tmx => "tmx",
            Format::Jsonl => "jsonl",
            Format::Moses => "moses",
            Format::Links => "links",
        }
    }

    pub fn from_name(name: &str) -> Result<Self, Error> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "tsv" => Format::Tsv,
            "csv" => Format::Csv,
            "tmx" => Format::Tmx,
            "jsonl" | "json" => Format::Jsonl,
            "moses" | "lines" | "txt" => Format::Moses,
            "links" => Format::Links,
            _ => return Err(Error::UnknownFormat(name.to_string())),
        })
    }

    /// The format an output path implies (`corpus.tmx`, `corpus.tmx.gz`), if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = Path::new(name).extension()?.to_str()?;
        match ext {
            "tsv" => Some(Format::Tsv),
            "csv" => Some(Format::Csv),
            "tmx" => Some(Format::Tmx),
            "jsonl" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The file extension of the format (`links.tsv` for links; none for moses, whose
    /// output is a prefix).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Tmx => "tmx",
            Format::Jsonl => "jsonl",
            Format::Links => "links.tsv",
            Format::Moses => "",
        }
    }
}

/// How a corpus is written.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// English first (the default: English is the source of UN translation) or Chinese.
    pub source_is_en: bool,
    pub en_lang: String,
    pub zh_lang: String,
    /// UTF-8 BOM and CRLF for CSV (so Excel shows Chinese).
    pub csv_bom: bool,
    /// `sentence` or `paragraph` (TMX `segtype`).
    pub segtype: String,
    /// Write unpaired units as one-sided `<tu>`s / lines.
    pub keep_unpaired: bool,
    /// TMX `creationdate`, `YYYYMMDDThhmmssZ`.
    pub creation_date: String,
    /// Write `en_lang`/`zh_lang` on every `<tuv>`, also where a record read from a TMX
    /// has a tag of its own (which is otherwise kept: `zh-TW` stays `zh-TW`).
    pub relabel: bool,
    /// TM hygiene (TMX, CSV, TSV): leave out pairs that are not translations a CAT tool
    /// should offer — both sides identical (text left in English in both versions), a
    /// side without any letter (numbers, dashes), and exact repeats of an earlier
    /// pair — and count them in [`Stats`]. JSONL keeps them, flagged. `--keep-all`
    /// turns it off.
    pub tm_hygiene: bool,
    pub tool_version: String,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            source_is_en: true,
            en_lang: "en-US".into(),
            zh_lang: "zh-CN".into(),
            csv_bom: true,
            segtype: "sentence".into(),
            keep_unpaired: false,
            creation_date: "19700101T000000Z".into(),
            relabel: false,
            tm_hygiene: true,
            tool_version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// What a writer had to change to write valid output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub records: usize,
    /// Tabs and line breaks inside text replaced by spaces (TSV, line-aligned; also
    /// vertical tab, form feed, NEL, U+2028 and U+2029, where other tools split lines).
    pub replaced_breaks: usize,
    /// Control characters XML 1.0 forbids (NUL, BEL, ESC …), removed (TMX, and the
    /// tables and line-aligned files too).
    pub removed_control: usize,
    /// CSV cells a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`), written
    /// with a leading `'` (which the CSV reader removes again).
    pub quoted_formulas: usize,
    /// Records with a document date or footnote references, which TSV, CSV and
    /// line-aligned files have no column for (TMX and JSONL keep them).
    pub metadata_dropped: usize,
    /// Unpaired links left out (TMX, line-aligned).
    pub skipped_unpaired: usize,
    /// Records without text on a side that a translation pair needs, left out: empty
    /// on both sides (every format but JSONL and links), or on one side of a paired
    /// link (TMX unless `keep_unpaired`, line-aligned).
    pub skipped_empty: usize,
    /// Records whose inline codes or own language tags a plain table (TSV, CSV,
    /// line-aligned) cannot hold: their plain text was written.
    pub plain_text_only: usize,
    /// Pairs left out by TM hygiene ([`WriterOptions::tm_hygiene`]): the two sides
    /// identical, a side without letters, a repeat of an earlier pair.
    pub dropped_identical: usize,
    pub dropped_no_letters: usize,
    pub dropped_duplicate: usize,
}

/// Why a translation pair does not belong in a translation memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TmFlaw {
    /// Both sides are the same text (left in English in the Chinese version too).
    Identical,
    /// A side has no letter at all (numbers, punctuation).
    NoLetters,
    /// The same pair was written before in this output.
    Duplicate,
}

impl TmFlaw {
    pub fn as_str(self) -> &'static str {
        match self {
            TmFlaw::Identical => "identical",
            TmFlaw::NoLetters => "no-letters",
            TmFlaw::Duplicate => "duplicate",
        }
    }

    /// The flaw of a record, if any; `seen` holds the records written so far. A
    /// one-sided record (a table's unpaired row) can only be a repeat.
    fn of(r: &Record, seen: &mut std::collections::HashSet<u64>) -> Option<TmFlaw> {
        if r.is_empty() {
            return None;
        }
        if r.is_paired() && !r.has_empty_side() {
            let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            if squeeze(&r.zh) == squeeze(&r.en) {
                return Some(TmFlaw::Identical);
            }
            let lettered = |t: &str| t.chars().any(char::is_alphabetic);
            if !lettered(&r.zh) || !lettered(&r.en) {
                return Some(TmFlaw::NoLetters);
            }
        }
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&r.zh, &r.en).hash(&mut h);
        if !seen.insert(h.finish()) {
            return Some(TmFlaw::Duplicate);
        }
        None
    }
}

enum Sink<'a> {
    Tsv(Box<dyn Write + 'a>),
    Csv(Box<csv::Writer<Box<dyn Write + 'a>>>),
    Tmx(Box<dyn Write + 'a>),
    Jsonl(Box<dyn Write + 'a>),
    Moses {
        en: Box<dyn Write + 'a>,
        zh: Box<dyn Write + 'a>,
    },
    Links(Box<dyn Write + 'a>),
}

/// A streaming corpus writer.
pub struct CorpusWriter<'a> {
    sink: Sink<'a>,
    options: WriterOptions,
    stats: Stats,
    /// Hashes of the pairs written so far (TM hygiene's duplicate check).
    seen: std::collections::HashSet<u64>,
}

impl std::fmt::Debug for CorpusWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusWriter")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// Replace tabs and line breaks by spaces, counting them.
fn flatten(text: &str, stats: &mut Stats) -> String {
    if !text.chars().any(|c| breaks_line(c) || tmx::forbidden(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if breaks_line(c) {
            stats.replaced_breaks += 1;
            out.push(' ');
        } else if tmx::forbidden(c) {
            stats.removed_control += 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that end a line or a field for some reader of a line-based file: a tab
/// and the line breaks, and the vertical tab, form feed, NEL and Unicode line and
/// paragraph separators (Python's `str.splitlines`, many editors and aligners split
/// lines there).
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A CSV cell: without the control characters XML forbids (as in TMX: NUL, BEL, ESC
/// … break spreadsheets and CAT tools), and safe to open in a spreadsheet.
fn csv_cell<'t>(text: &'t str, stats: &mut Stats) -> std::borrow::Cow<'t, str> {
    let text: std::borrow::Cow<str> = if text.chars().any(tmx::forbidden) {
        let kept: String = text.chars().filter(|&c| !tmx::forbidden(c)).collect();
        stats.removed_control += text.chars().count() - kept.chars().count();
        kept.into()
    } else {
        text.into()
    };
    if starts_formula(&text) {
        stats.quoted_formulas += 1;
        format!("'{text}").into()
    } else {
        text
    }
}

/// Whether a spreadsheet would take a cell for a formula (OWASP, "CSV Injection"):
/// it starts with `=`, `@`, a tab or a carriage return, or with `+`/`-` unless it is a
/// signed number with plain words after it (`-5 per cent` stays as it is; `-5+A1`,
/// `- item` and `+cmd|…` do not). A cell that starts with `'` before such a cell is
/// one too, so that the reader's removal of the `'` is exact.
pub(crate) fn starts_formula(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => {
            let rest = chars.as_str();
            let number = rest.starts_with(|c: char| c.is_ascii_digit());
            let formula_chars = [
                '=', '+', '-', '*', '/', '^', '&', '|', '!', '(', ')', '@', '"', ';',
            ];
            !number || rest.contains(formula_chars)
        }
        Some('\'') => starts_formula(chars.as_str()),
        _ => false,
    }
}

impl<'a> CorpusWriter<'a> {
    /// A writer for every format but [`Format::Moses`] (which needs two outputs; see
    /// [`CorpusWriter::moses`]). Writes the header at once.
    pub fn new(
        out: impl Write + 'a,
        format: Format,
        options: WriterOptions,
    ) -> Result<Self, Error> {
        let mut out: Box<dyn Write + 'a> = Box::new(out);
        let (src, tgt) = if options.source_is_en {
            ("en", "zh")
        } else {
            ("zh", "en")
        };
        let sink = match format {
            Format::Tsv => {
                writeln!(out, "{src}\t{tgt}\tscore\tblock\ttype\tdoc")?;
                Sink::Tsv(out)
            }
            Format::Csv => {
                if options.csv_bom {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                let terminator = if options.csv_bom {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                };
                let mut w = csv::WriterBuilder::new()
                    .terminator(terminator)
                    .from_writer(out);
                w.write_record([src, tgt, "score", "block", "type", "doc"])?;
                Sink::Csv(Box::new(w))
            }
            Format::Tmx => {
                tmx::write_header(&mut out, &options)?;
                Sink::Tmx(out)
            }
            Format::Jsonl => Sink::Jsonl(out),
            Format::Links => {
                writeln!(out, "zh\ten\tscore")?;
                Sink::Links(out)
            }
            Format::Moses => return Err(Error::UnknownFormat("moses needs two outputs".into())),
        };
        Ok(CorpusWriter {
            sink,
            options,
            stats: Stats::default(),
            seen: Default::default(),
        })
    }

    /// Line-aligned output: one line per paired link in each file.
    pub fn moses(en: impl Write + 'a, zh: impl Write + 'a, options: WriterOptions) -> Self {
        CorpusWriter {
            sink: Sink::Moses {
                en: Box::new(en),
                zh: Box::new(zh),
            },
            options,
            stats: Stats::default(),
            seen: Default::default(),
        }
    }

    pub fn write(&mut self, r: &Record) -> Result<(), Error> {
        let Some(flaw) = self.admit(r) else {
            return Ok(());
        };
        self.stats.records += 1;
        let (src, tgt) = if self.options.source_is_en {
            (&r.en, &r.zh)
        } else {
            (&r.zh, &r.en)
        };
        let block = r.block.as_deref().unwrap_or("");
        let doc = r.meta.doc.as_deref().unwrap_or("");
        let score = format!("{:.3}", r.score);
        match &mut self.sink {
            Sink::Tsv(out) => {
                let s = flatten(src, &mut self.stats);
                let t = flatten(tgt, &mut self.stats);
                let b = flatten(block, &mut self.stats);
                let d = flatten(doc, &mut self.stats);
                writeln!(out, "{s}\t{t}\t{score}\t{b}\t{}\t{d}", r.link_type())?;
            }
            Sink::Csv(w) => {
                let stats = &mut self.stats;
                w.write_record([
                    csv_cell(src, stats).as_ref(),
                    csv_cell(tgt, stats).as_ref(),
                    &score,
                    csv_cell(block, stats).as_ref(),
                    &r.link_type(),
                    csv_cell(doc, stats).as_ref(),
                ])?;
            }
            Sink::Tmx(out) => {
                if !r.is_paired() && !self.options.keep_unpaired {
                    self.stats.records -= 1;
                    self.stats.skipped_unpaired += 1;
                    return Ok(());
                }
                if r.has_empty_side() && !self.options.keep_unpaired {
                    self.stats.records -= 1;
                    self.stats.skipped_empty += 1;
                    return Ok(());
                }
                self.stats.removed_control += tmx::write_tu(out, r, &self.options)?;
            }
            Sink::Jsonl(out) => write_jsonl(out, r, flaw)?,
            Sink::Moses { en, zh } => {
                if !r.is_paired() {
                    self.stats.records -= 1;
                    self.stats.skipped_unpaired += 1;
                    return Ok(());
                }
                if r.has_empty_side() {
                    self.stats.records -= 1;
                    self.stats.skipped_empty += 1;
                    return Ok(());
                }
                writeln!(en, "{}", flatten(&r.en, &mut self.stats))?;
                writeln!(zh, "{}", flatten(&r.zh, &mut self.stats))?;
            }
            Sink::Links(out) => {
                let ids = |v: &[usize]| {
                    v.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                writeln!(out, "{}\t{}\t{score}", ids(&r.zh_ids), ids(&r.en_ids))?;
            }
        }
        Ok(())
    }

    /// Whether a record is written, counting it in the stats when it is left out:
    /// `None` when left out (no text on a side, or a TM flaw where the format drops
    /// it), else the TM flaw JSONL flags it with.
    fn admit(&mut self, r: &Record) -> Option<Option<TmFlaw>> {
        let keeps_everything = matches!(self.sink, Sink::Jsonl(_) | Sink::Links(_));
        if r.is_empty() && !keeps_everything {
            self.stats.skipped_empty += 1;
            return None;
        }
        let hygiene = self.options.tm_hygiene
            && matches!(
                self.sink,
                Sink::Tmx(_) | Sink::Csv(_) | Sink::Tsv(_) | Sink::Jsonl(_)
            );
        let flaw = if hygiene {
            TmFlaw::of(r, &mut self.seen)
        } else {
            None
        };
        if let (Some(flaw), false) = (flaw, matches!(self.sink, Sink::Jsonl(_))) {
            match flaw {
                TmFlaw::Identical => self.stats.dropped_identical += 1,
                TmFlaw::NoLetters => self.stats.dropped_no_letters += 1,
                TmFlaw::Duplicate => self.stats.dropped_duplicate += 1,
            }
            return None;
        }
        if matches!(self.sink, Sink::Tsv(_) | Sink::Csv(_) | Sink::Moses { .. }) {
            if r.has_markup_or_tags() {
                self.stats.plain_text_only += 1;
            }
            if r.meta.doc_date.is_some() || !r.footnote_refs.is_empty() {
                self.stats.metadata_dropped += 1;
            }
        }
        Some(flaw)
    }

    /// Write the trailer, flush, and report what had to change.
    pub fn finish(self) -> Result<Stats, Error> {
        match self.sink {
            Sink::Tsv(mut o) | Sink::Jsonl(mut o) | Sink::Links(mut o) => o.flush()?,
            Sink::Csv(mut w) => w.flush()?,
            Sink::Tmx(mut o) => {
                tmx::write_footer(&mut o)?;
                o.flush()?;
            }
            Sink::Moses { mut en, mut zh } => {
                en.flush()?;
                zh.flush()?;
            }
        }
        Ok(self.stats)
    }
}

/// One JSONL line: every field of the record, and the TM flaw a TM would leave it out
/// for.
fn write_jsonl(out: &mut dyn Write, r: &Record, flaw: Option<TmFlaw>) -> Result<(), Error> {
    #[derive(serde::Serialize)]
    struct Line<'r> {
        en: &'r str,
        zh: &'r str,
        score: f64,
        block: Option<&'r str>,
        doc: Option<&'r str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        doc_date: Option<&'r str>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        confirmed: bool,
        #[serde(rename = "type")]
        link_type: String,
        zh_ids: &'r [usize],
        en_ids: &'r [usize],
        anchors: &'r [String],
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        footnote_refs: &'r [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        zh_lang: Option<&'r str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        en_lang: Option<&'r str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        zh_tmx: Option<&'r str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        en_tmx: Option<&'r str>,
        /// Why a TM would leave this pair out (JSONL keeps everything).
        #[serde(skip_serializing_if = "Option::is_none")]
        tm_flaw: Option<&'static str>,
    }
    let line = Line {
        en: &r.en,
        zh: &r.zh,
        score: (r.score * 1000.0).round() / 1000.0,
        block: r.block.as_deref(),
        doc: r.meta.doc.as_deref(),
        doc_date: r.meta.doc_date.as_deref(),
        confirmed: r.confirmed,
        link_type: r.link_type(),
        zh_ids: &r.zh_ids,
        en_ids: &r.en_ids,
        anchors: &r.anchors,
        footnote_refs: &r.footnote_refs,
        zh_lang: r.meta.zh_lang.as_deref(),
        en_lang: r.meta.en_lang.as_deref(),
        zh_tmx: r.meta.zh_tmx.as_deref(),
        en_tmx: r.meta.en_tmx.as_deref(),
        tm_flaw: flaw.map(TmFlaw::as_str),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_one_sided_row_is_a_repeat_too() {
        let mut out = Vec::new();
        let mut w = CorpusWriter::new(&mut out, Format::Tsv, WriterOptions::default()).unwrap();
        let one_sided = Record {
            en: "Distr.: General".into(),
            en_ids: vec![0],
            ..Record::default()
        };
        w.write(&one_sided).unwrap();
        w.write(&one_sided).unwrap();
        let stats = w.finish().unwrap();
        assert_eq!((stats.records, stats.dropped_duplicate), (1, 1));
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_quoted_and_read_back() {
        let mut out = Vec::new();
        let mut w = CorpusWriter::new(&mut out, Format::Csv, WriterOptions::default()).unwrap();
        let cells = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK"),
            ("+cmd|' /C calc'!A0", "'+cmd"),
            ("-2+A3", "'-2+A3"),
            ("- a bullet", "'- a bullet"),
            ("@SUM(A1)", "'@SUM"),
            ("'=already", "''=already"),
        ];
        for (k, (en, _)) in cells.iter().enumerate() {
            let r = Record {
                en: en.to_string(),
                zh: format!("第{k}行。"),
                zh_ids: vec![k],
                en_ids: vec![k],
                ..Record::default()
            };
            w.write(&r).unwrap();
        }
        let plain = Record {
            en: "-5 per cent in 2022".into(),
            zh: "减少5%。\u{7}\u{1b}".into(),
            zh_ids: vec![9],
            en_ids: vec![9],
            ..Record::default()
        };
        w.write(&plain).unwrap();
        let stats = w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        for (_, written) in cells {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(written) || l.starts_with(&format!("\"{written}"))),
                "{written} in {text}"
            );
        }
        assert!(text.contains("\n-5 per cent in 2022,"), "readable: {text}");
        assert!(text.contains("减少5%。,"), "controls removed: {text}");
        assert_eq!(stats.quoted_formulas, cells.len());
        assert_eq!(stats.removed_control, 2);
        let back: Vec<Record> = crate::read_records(text.as_bytes(), Format::Csv, "t")
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for ((en, _), r) in cells.iter().zip(&back) {
            assert_eq!(&r.en, en);
        }
        assert_eq!(back[cells.len()].en, "-5 per cent in 2022");
    }

    #[test]
    fn line_separators_other_tools_split_on_become_spaces() {
        let mut stats = Stats::default();
        assert_eq!(
            flatten("a\u{2028}b\u{85}c\u{b}d\u{0}e", &mut stats),
            "a b c de"
        );
        assert_eq!((stats.replaced_breaks, stats.removed_control), (3, 1));
    }

    fn record() -> Record {
        Record {
            en: "Delegations welcomed the \"role\"\tof it.".into(),
            zh: "各代表团欢迎，\n发挥的作用。".into(),
            score: 0.9,
            block: Some("3".into()),
            zh_ids: vec![4],
            en_ids: vec![5, 6],
            ..Record::default()
        }
    }

    fn write(format: Format, options: WriterOptions) -> (String, Stats) {
        let mut out = Vec::new();
        let mut w = CorpusWriter::new(&mut out, format, options).unwrap();
        w.write(&record()).unwrap();
        let stats = w.finish().unwrap();
        (String::from_utf8(out).unwrap(), stats)
    }

    #[test]
    fn tsv_flattens_and_counts_breaks() {
        let (text, stats) = write(Format::Tsv, WriterOptions::default());
        assert_eq!(
            text,
            "en\tzh\tscore\tblock\ttype\tdoc\nDelegations welcomed the \"role\" of it.\t各代表团欢迎， 发挥的作用。\t0.900\t3\t1-2\t\n"
        );
        assert_eq!(stats.replaced_breaks, 2);
    }

    #[test]
    fn csv_has_bom_crlf_and_quotes() {
        let (text, _) = write(Format::Csv, WriterOptions::default());
        assert!(text.starts_with("\u{feff}en,zh,score,block,type,doc\r\n"));
        assert!(text.contains("\"Delegations welcomed the \"\"role\"\"\tof it.\",\"各代表团欢迎，\n发挥的作用。\",0.900,3,1-2,\r\n"));
        let options = WriterOptions {
            csv_bom: false,
            source_is_en: false,
            ..WriterOptions::default()
        };
        let (text, _) = write(Format::Csv, options);
        assert!(text.starts_with("zh,en,score"));
    }

    #[test]
    fn links_lists_ids() {
        let (text, _) = write(Format::Links, WriterOptions::default());
        assert_eq!(text, "zh\ten\tscore\n4\t5,6\t0.900\n");
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(
            Format::from_path(Path::new("out/corpus.tmx.gz")),
            Some(Format::Tmx)
        );
        assert_eq!(Format::from_path(Path::new("c.CSV")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("corpus")), None);
    }

    #[test]
    fn tm_hygiene_leaves_out_non_translations_and_counts_them() {
        let records = [
            Record::paired(
                "委员会审议了方案。",
                "The Committee considered the programme.",
                0.9,
            ),
            Record::paired("Distr.: Limited", "Distr.:  Limited", 0.99),
            Record::paired("2023 年", "2023", 0.9),
            Record::paired("12 345", "12,345", 0.9),
            Record::paired(
                "委员会审议了方案。",
                "The Committee considered the programme.",
                0.9,
            ),
            Record::paired(
                "委员会核准了方案。",
                "The Committee approved the programme.",
                0.9,
            ),
        ];
        let written = |format: Format, options: WriterOptions| {
            let mut out = Vec::new();
            let mut w = CorpusWriter::new(&mut out, format, options).unwrap();
            for r in &records {
                w.write(r).unwrap();
            }
            let stats = w.finish().unwrap();
            (String::from_utf8(out).unwrap(), stats)
        };
        let (tsv, stats) = written(Format::Tsv, WriterOptions::default());
        assert_eq!(tsv.lines().count(), 1 + 2, "{tsv}");
        assert_eq!(
            (
                stats.dropped_identical,
                stats.dropped_no_letters,
                stats.dropped_duplicate
            ),
            (1, 2, 1)
        );
        let keep_all = WriterOptions {
            tm_hygiene: false,
            ..WriterOptions::default()
        };
        let (tsv, _) = written(Format::Tsv, keep_all);
        assert_eq!(tsv.lines().count(), 1 + records.len());
        // JSONL keeps everything and says why a TM would not.
        let (jsonl, stats) = written(Format::Jsonl, WriterOptions::default());
        assert_eq!(jsonl.lines().count(), records.len());
        assert_eq!(jsonl.matches("\"tm_flaw\":\"identical\"").count(), 1);
        assert_eq!(jsonl.matches("\"tm_flaw\":\"no-letters\"").count(), 2);
        assert_eq!(jsonl.matches("\"tm_flaw\":\"duplicate\"").count(), 1);
        assert_eq!(stats.dropped_duplicate, 0);
    }
}
