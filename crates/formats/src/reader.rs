//! Corpus readers: TMX (any TMX 1.4 file), CSV and TSV with a header naming the
//! languages, JSONL as bitext writes it, and line-aligned file pairs.

use crate::{Error, Format, Record};
use bitext_core::Lang;
use quick_xml::events::Event;
use std::io::BufRead;

/// A streaming reader of corpus records.
pub type Records<'a> = Box<dyn Iterator<Item = Result<Record, Error>> + 'a>;

/// Segments a reader passed over because they are in neither Chinese nor English
/// (a multilingual TMX), by language tag: for telling the user.
pub type OtherLanguages =
    std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, usize>>>;

/// Read records of `format` from `input`; `name` is used in error messages.
pub fn read_records<'a>(
    input: impl BufRead + 'a,
    format: Format,
    name: &str,
) -> Result<Records<'a>, Error> {
    read_records_noting(input, format, name, OtherLanguages::default())
}

/// [`read_records`], counting in `other` the segments in other languages it skips.
pub fn read_records_noting<'a>(
    input: impl BufRead + 'a,
    format: Format,
    name: &str,
    other: OtherLanguages,
) -> Result<Records<'a>, Error> {
    let name = name.to_string();
    Ok(match format {
        Format::Tmx => Box::new(TmxReader::new(input, name, other)),
        Format::Csv => csv_records(input, b',', name)?,
        Format::Tsv => tsv_records(input, name)?,
        Format::Jsonl => Box::new(input.lines().enumerate().filter_map(move |(n, line)| match line {
            Err(e) => Some(Err(Error::Io(e))),
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(
                serde_json::from_str::<Record>(&l)
                    .map(with_default_ids)
                    .map_err(|e| Error::Parse {
                        name: name.clone(),
                        line: n + 1,
                        message: e.to_string(),
                    }),
            ),
        })),
        Format::Moses | Format::Links => {
            return Err(Error::Parse {
                name,
                line: 0,
                message: format!("{format:?} files cannot be read as one corpus stream (use read_line_aligned for moses)"),
            })
        }
    })
}

/// A hand-written JSONL line without unit ids: each side with text is one unit.
fn with_default_ids(mut r: Record) -> Record {
    if r.zh_ids.is_empty() && !r.zh.trim().is_empty() {
        r.zh_ids = vec![0];
    }
    if r.en_ids.is_empty() && !r.en.trim().is_empty() {
        r.en_ids = vec![0];
    }
    r
}

/// Read a line-aligned pair (`PREFIX.en`, `PREFIX.zh`): one record per line pair. Files
/// of different lengths are an error at the first line one of them lacks.
pub fn read_line_aligned<'a>(en: impl BufRead + 'a, zh: impl BufRead + 'a) -> Records<'a> {
    let (mut en, mut zh) = (en.lines(), zh.lines());
    let mut line = 0;
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        line += 1;
        let uneven = |shorter: &str, longer: &str| Error::Parse {
            name: "line-aligned pair".into(),
            line,
            message: format!("the {shorter} file has fewer lines than the {longer} file"),
        };
        let result = match (en.next(), zh.next()) {
            (None, None) => return None,
            (Some(e), Some(z)) => e
                .and_then(|e| Ok((e, z?)))
                .map_err(Error::Io)
                .map(|(e, z)| Record {
                    zh_ids: vec![line - 1],
                    en_ids: vec![line - 1],
                    en: e,
                    zh: z,
                    score: 1.0,
                    ..Record::default()
                }),
            (Some(_), None) => Err(uneven("zh", "en")),
            (None, Some(_)) => Err(uneven("en", "zh")),
        };
        done = result.is_err();
        Some(result)
    }))
}

/// Column roles from a header row: which column holds which language and metadata.
struct Columns {
    /// Fields in the header: every row must have as many.
    width: usize,
    en: usize,
    zh: usize,
    score: Option<usize>,
    block: Option<usize>,
    doc: Option<usize>,
    link_type: Option<usize>,
}

impl Columns {
    fn from_header(fields: &[String], name: &str) -> Result<Self, Error> {
        let find_lang = |lang: Lang| {
            fields
                .iter()
                .position(|f| f.trim().parse::<Lang>().ok() == Some(lang))
        };
        let find = |key: &str| {
            fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(key))
        };
        match (find_lang(Lang::En), find_lang(Lang::Zh)) {
            (Some(en), Some(zh)) => Ok(Columns {
                width: fields.len(),
                en,
                zh,
                score: find("score"),
                block: find("block"),
                doc: find("doc"),
                link_type: find("type"),
            }),
            _ => Err(Error::Parse {
                name: name.to_string(),
                line: 1,
                message: format!("the header must name the language columns (en, zh, en-US, zh-CN …); found {fields:?}"),
            }),
        }
    }

    fn record(&self, fields: &[String]) -> Record {
        let get = |i: usize| fields.get(i).cloned().unwrap_or_default();
        let opt = |i: Option<usize>| i.map(get).filter(|s| !s.is_empty());
        let (en, zh) = (get(self.en), get(self.zh));
        let (nz, ne) = opt(self.link_type)
            .and_then(|t| {
                let (a, b) = t.split_once('-')?;
                Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?))
            })
            .unwrap_or((usize::from(!zh.is_empty()), usize::from(!en.is_empty())));
        Record {
            score: opt(self.score).and_then(|s| s.parse().ok()).unwrap_or(1.0),
            block: opt(self.block),
            meta: crate::RecordMeta {
                doc: opt(self.doc),
                ..Default::default()
            },
            zh_ids: (0..nz).collect(),
            en_ids: (0..ne).collect(),
            en,
            zh,
            ..Record::default()
        }
    }

    /// The record of a row: more fields than the header is an error (text would land in
    /// the wrong column), and so is a row that stops before a language column; a row
    /// that only leaves out trailing metadata columns is read with them empty.
    fn checked(
        &self,
        fields: &[String],
        name: &str,
        line: usize,
        sep: &str,
    ) -> Result<Record, Error> {
        let needed = self.en.max(self.zh) + 1;
        if fields.len() > self.width || fields.len() < needed {
            let hint = if fields.len() > self.width {
                format!(" (a {sep} inside the text?)")
            } else {
                " (a language column is missing)".to_string()
            };
            return Err(Error::Parse {
                name: name.to_string(),
                line,
                message: format!(
                    "expected {} {sep}-separated fields as in the header, found {}{hint}",
                    self.width,
                    fields.len()
                ),
            });
        }
        Ok(self.record(fields))
    }
}

/// A CSV cell as a spreadsheet shows it: the `'` that keeps a formula-like cell
/// text (written by bitext's CSV writer, or typed in Excel) is not part of the text.
fn unquote_formula(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if crate::writer::starts_formula(rest) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn csv_records<'a>(
    input: impl BufRead + 'a,
    delimiter: u8,
    name: String,
) -> Result<Records<'a>, Error> {
    // Rows of another length are errors (below), not silently padded: an unclosed
    // quote swallows the following rows into one field and shows up here.
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut rows = reader.into_records();
    let header: Vec<String> = match rows.next() {
        Some(row) => row?
            .iter()
            .map(|f| f.trim_start_matches('\u{feff}').to_string())
            .collect(),
        None => return Ok(Box::new(std::iter::empty())),
    };
    let columns = Columns::from_header(&header, &name)?;
    Ok(Box::new(rows.map(move |row| {
        let row = row?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<String> = row.iter().map(unquote_formula).collect();
        let record = columns.checked(&fields, &name, line, "comma")?;
        // A field whose later lines each look like a whole row: an unclosed quote
        // swallowed them.
        let delimiters = columns.width.saturating_sub(1).max(1);
        let swallowed = row.iter().any(|f| {
            let mut later = f
                .split('\n')
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .peekable();
            later.peek().is_some()
                && later.all(|l| l.bytes().filter(|&b| b == delimiter).count() >= delimiters)
        });
        if swallowed {
            return Err(Error::Parse {
                name: name.clone(),
                line,
                message:
                    "a quoted field holds what look like the following rows (an unclosed quote?)"
                        .into(),
            });
        }
        Ok(record)
    })))
}

/// TSV is unquoted: fields are split on tabs only (text never contains tabs or line
/// breaks; the writer replaced them).
fn tsv_records<'a>(input: impl BufRead + 'a, name: String) -> Result<Records<'a>, Error> {
    let mut lines = input.lines();
    let header: Vec<String> = match lines.next() {
        Some(l) => l?
            .trim_start_matches('\u{feff}')
            .split('\t')
            .map(str::to_string)
            .collect(),
        None => return Ok(Box::new(std::iter::empty())),
    };
    let columns = Columns::from_header(&header, &name)?;
    Ok(Box::new(lines.enumerate().filter_map(
        move |(n, line)| match line {
            Err(e) => Some(Err(Error::Io(e))),
            Ok(l) if l.is_empty() => None,
            Ok(l) => {
                let fields: Vec<String> = l
                    .trim_end_matches('\r')
                    .split('\t')
                    .map(str::to_string)
                    .collect();
                Some(columns.checked(&fields, &name, n + 2, "tab"))
            }
        },
    )))
}

/// Streaming TMX reader: one record per `<tu>` with a zh and/or an en `<tuv>` (a `<tu>`
/// with several Chinese variants, `zh-CN` and `zh-TW`, gives one record per variant).
/// Exact language tags and inline codes are kept ([`Record::zh_lang`],
/// [`Record::zh_tmx`] …).
struct TmxReader<R: BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    name: String,
    done: bool,
    seen_root: bool,
    pending: std::collections::VecDeque<Record>,
    other: OtherLanguages,
}

/// One `<tuv>` as read.
#[derive(Default)]
struct Tuv {
    tag: String,
    lang: Option<Lang>,
    /// Text outside inline codes.
    text: String,
    /// The `<seg>` content as XML, inline codes included.
    markup: String,
    has_codes: bool,
}

/// Inline elements of TMX 1.4b level 2 whose content is native code, not text.
const CODE_ELEMENTS: [&[u8]; 5] = [b"bpt", b"ept", b"ph", b"it", b"ut"];
/// Every inline element (their presence makes the markup worth keeping).
const INLINE_ELEMENTS: [&[u8]; 7] = [b"bpt", b"ept", b"ph", b"it", b"ut", b"hi", b"sub"];

impl<R: BufRead> TmxReader<R> {
    fn new(input: R, name: String, other: OtherLanguages) -> Self {
        let mut xml = quick_xml::Reader::from_reader(input);
        xml.config_mut().trim_text(false);
        TmxReader {
            xml,
            buf: Vec::new(),
            name,
            done: false,
            seen_root: false,
            pending: Default::default(),
            other,
        }
    }

    fn error(&self, message: impl std::fmt::Display) -> Error {
        parse_error(&self.name, self.xml.buffer_position(), message)
    }

    /// Read events up to the end of the next `<tu>`; its records go to `pending`.
    fn next_tu(&mut self) -> Result<bool, Error> {
        let mut in_tu = false;
        let mut tuvs: Vec<Tuv> = Vec::new();
        let mut tuv: Option<Tuv> = None;
        let mut in_seg = false;
        // Depth inside inline elements whose content is native code, not text.
        let mut code_depth = 0usize;
        let mut prop: Option<String> = None;
        let mut prop_value = String::new();
        let mut meta = Record::default();
        let mut link_type: Option<String> = None;
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| parse_error(&self.name, self.xml.buffer_position(), e))?;
            match event {
                Event::Eof => return self.at_end(in_tu),
                Event::Start(e) => {
                    let tag = e.local_name().as_ref().to_ascii_lowercase();
                    if in_seg {
                        inline_start(tuv.as_mut(), &e, &tag, &mut code_depth);
                        continue;
                    }
                    match tag.as_slice() {
                        b"tmx" => self.seen_root = true,
                        b"tu" => {
                            in_tu = true;
                            tuvs.clear();
                            meta = Record::default();
                            link_type = None;
                        }
                        b"tuv" => {
                            let position = self.xml.buffer_position();
                            tuv = Some(
                                tuv_start(&e).map_err(|e| parse_error(&self.name, position, e))?,
                            );
                        }
                        b"seg" => in_seg = true,
                        b"prop" => {
                            prop = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"type")
                                .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                            prop_value.clear();
                        }
                        _ => {}
                    }
                }
                Event::Empty(e) if in_seg => {
                    if let Some(t) = tuv.as_mut() {
                        t.markup.push('<');
                        t.markup.push_str(&String::from_utf8_lossy(&e));
                        t.markup.push_str("/>");
                        t.has_codes = true;
                    }
                }
                Event::End(e) => {
                    let tag = e.local_name().as_ref().to_ascii_lowercase();
                    if in_seg && tag != b"seg" {
                        inline_end(tuv.as_mut(), &e, &tag, &mut code_depth);
                        continue;
                    }
                    match tag.as_slice() {
                        b"seg" => in_seg = false,
                        b"tuv" => tuvs.extend(tuv.take()),
                        b"prop" => {
                            if let Some(kind) = prop.take() {
                                let v = std::mem::take(&mut prop_value);
                                apply_prop(&mut meta, &mut link_type, &kind, v);
                            }
                        }
                        b"tu" if in_tu => {
                            let counts = link_type.take().as_deref().and_then(unit_counts);
                            self.finish_tu(&meta, counts, std::mem::take(&mut tuvs));
                            return Ok(true);
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    if in_seg {
                        let text = t
                            .unescape()
                            .map_err(|e| parse_error(&self.name, self.xml.buffer_position(), e))?;
                        if let Some(v) = tuv.as_mut() {
                            v.markup.push_str(&String::from_utf8_lossy(&t));
                            if code_depth == 0 {
                                v.text.push_str(&text);
                            }
                        }
                    } else if prop.is_some() {
                        let text = t
                            .unescape()
                            .map_err(|e| parse_error(&self.name, self.xml.buffer_position(), e))?;
                        prop_value.push_str(&text);
                    }
                }
                Event::CData(t) if in_seg => {
                    if let Some(v) = tuv.as_mut() {
                        v.markup.push_str("<![CDATA[");
                        v.markup.push_str(&String::from_utf8_lossy(&t));
                        v.markup.push_str("]]>");
                        if code_depth == 0 {
                            v.text.push_str(&String::from_utf8_lossy(&t));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The end of the file: fine between `<tu>`s of a TMX.
    fn at_end(&self, in_tu: bool) -> Result<bool, Error> {
        if in_tu {
            return Err(self.error("the file ends inside a <tu>"));
        }
        if !self.seen_root {
            return Err(self.error("not a TMX file (no <tmx> element); name its format (`format`)"));
        }
        Ok(false)
    }

    /// The records of a finished `<tu>` go to `pending`; variants in languages other
    /// than Chinese and English are counted, not read.
    fn finish_tu(&mut self, meta: &Record, counts: Option<(usize, usize)>, tuvs: Vec<Tuv>) {
        if let Ok(mut other) = self.other.lock() {
            for t in tuvs.iter().filter(|t| t.lang.is_none()) {
                *other.entry(t.tag.clone()).or_default() += 1;
            }
        }
        self.pending.extend(records_of_tu(meta, counts, tuvs));
    }
}

/// A `<tuv>` start tag: its language from `xml:lang` (or TMX 1.1 `lang`).
fn tuv_start(e: &quick_xml::events::BytesStart) -> Result<Tuv, quick_xml::Error> {
    let mut t = Tuv::default();
    for a in e.attributes().flatten() {
        let key = a.key.as_ref().to_ascii_lowercase();
        if key == b"xml:lang" || key == b"lang" {
            let v = a.unescape_value()?;
            t.lang = v.parse::<Lang>().ok();
            t.tag = v.into_owned();
        }
    }
    Ok(t)
}

/// An inline element opening inside a `<seg>`: kept in the markup; native code
/// elements (`bpt`, `ph` …) hold no text.
fn inline_start(
    tuv: Option<&mut Tuv>,
    e: &quick_xml::events::BytesStart,
    tag: &[u8],
    code_depth: &mut usize,
) {
    if let Some(t) = tuv {
        t.markup.push('<');
        t.markup.push_str(&String::from_utf8_lossy(e));
        t.markup.push('>');
        t.has_codes |= INLINE_ELEMENTS.contains(&tag);
    }
    if CODE_ELEMENTS.contains(&tag) {
        *code_depth += 1;
    }
}

/// An inline element closing inside a `<seg>`.
fn inline_end(
    tuv: Option<&mut Tuv>,
    e: &quick_xml::events::BytesEnd,
    tag: &[u8],
    code_depth: &mut usize,
) {
    if let Some(t) = tuv {
        t.markup.push_str("</");
        t.markup
            .push_str(&String::from_utf8_lossy(e.name().as_ref()));
        t.markup.push('>');
    }
    if CODE_ELEMENTS.contains(&tag) {
        *code_depth = code_depth.saturating_sub(1);
    }
}

/// A `<prop>` bitext writes, read back into the record (or the link type).
fn apply_prop(meta: &mut Record, link_type: &mut Option<String>, kind: &str, v: String) {
    match kind {
        "x-document" => meta.meta.doc = Some(v),
        "x-document-date" => meta.meta.doc_date = Some(v),
        "x-review" => meta.confirmed = v == "confirmed",
        "x-paragraph" => meta.block = Some(v),
        "x-score" => meta.score = v.trim().parse().unwrap_or(meta.score),
        "x-link-type" => *link_type = Some(v),
        "x-footnote-refs" => {
            meta.footnote_refs = v.split_whitespace().map(str::to_string).collect()
        }
        _ => {}
    }
}

/// The unit counts of a link type (`2-1` → (2, 1)).
fn unit_counts(link_type: &str) -> Option<(usize, usize)> {
    let (a, b) = link_type.split_once('-')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// The records of one `<tu>`: its Chinese and English variants paired in order (the
/// first of a side stands in where the other side has more variants).
fn records_of_tu(meta: &Record, counts: Option<(usize, usize)>, tuvs: Vec<Tuv>) -> Vec<Record> {
    let (mut zh, mut en): (Vec<Tuv>, Vec<Tuv>) = (Vec::new(), Vec::new());
    for t in tuvs {
        match t.lang {
            Some(Lang::Zh) => zh.push(t),
            Some(Lang::En) => en.push(t),
            None => {}
        }
    }
    let n = zh.len().max(en.len()).max(1);
    let score = if meta.score == 0.0 { 1.0 } else { meta.score };
    (0..n)
        .map(|k| {
            let mut r = Record {
                score,
                block: meta.block.clone(),
                meta: crate::RecordMeta {
                    doc: meta.meta.doc.clone(),
                    doc_date: meta.meta.doc_date.clone(),
                    ..Default::default()
                },
                confirmed: meta.confirmed,
                footnote_refs: meta.footnote_refs.clone(),
                ..Record::default()
            };
            if let Some(z) = zh.get(k).or(zh.first()) {
                r.zh = z.text.clone();
                r.zh_ids = vec![0];
                r.meta.zh_lang = Some(z.tag.clone());
                r.meta.zh_tmx = z.has_codes.then(|| z.markup.clone());
            }
            if let Some(e) = en.get(k).or(en.first()) {
                r.en = e.text.clone();
                r.en_ids = vec![0];
                r.meta.en_lang = Some(e.tag.clone());
                r.meta.en_tmx = e.has_codes.then(|| e.markup.clone());
            }
            // `2-1` from bitext's own TMX: restore the unit counts.
            if let Some((nz, ne)) = counts {
                if !r.zh.is_empty() {
                    r.zh_ids = (0..nz.max(1)).collect();
                }
                if !r.en.is_empty() {
                    r.en_ids = (0..ne.max(1)).collect();
                }
            }
            r
        })
        .filter(|r| !r.zh_ids.is_empty() || !r.en_ids.is_empty())
        .collect()
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Some(Ok(r));
            }
            if self.done {
                return None;
            }
            match self.next_tu() {
                Ok(true) => continue,
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

fn parse_error(name: &str, position: u64, message: impl std::fmt::Display) -> Error {
    Error::Parse {
        name: name.to_string(),
        line: 0,
        message: format!("at byte {position}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, format: Format) -> Vec<Result<Record, Error>> {
        read_records(text.as_bytes(), format, "t")
            .unwrap()
            .collect()
    }

    #[test]
    fn rows_may_leave_out_trailing_metadata_but_not_text() {
        let rows = read(
            "en,zh,score,block\nHello.,你好。\nBye.,再见。,0.5,3\n",
            Format::Csv,
        );
        assert_eq!(rows.len(), 2);
        let first = rows[0].as_ref().unwrap();
        assert_eq!(
            (first.en.as_str(), first.zh.as_str(), first.block.as_deref()),
            ("Hello.", "你好。", None)
        );
        assert_eq!(rows[1].as_ref().unwrap().block.as_deref(), Some("3"));
        let rows = read("en\tzh\tscore\nOnly English\nA\tB\tC\tD\n", Format::Tsv);
        assert!(rows[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("a language column is missing"));
        assert!(rows[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("inside the text"));
    }
}
