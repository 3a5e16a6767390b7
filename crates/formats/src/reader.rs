//! Corpus readers: TMX (any TMX 1.4 file), CSV and TSV with a header naming the
//! languages, JSONL as bitext writes it, and line-aligned file pairs.

use crate::{Error, Format, Record};
use bitext_core::Lang;
use quick_xml::events::Event;
use std::io::BufRead;

/// A streaming reader of corpus records.
pub type Records<'a> = Box<dyn Iterator<Item = Result<Record, Error>> + 'a>;

/// Read records of `format` from `input`; `name` is used in error messages.
pub fn read_records<'a>(
    input: impl BufRead + 'a,
    format: Format,
    name: &str,
) -> Result<Records<'a>, Error> {
    let name = name.to_string();
    Ok(match format {
        Format::Tmx => Box::new(TmxReader::new(input, name)),
        Format::Csv => csv_records(input, b',', name)?,
        Format::Tsv => tsv_records(input, name)?,
        Format::Jsonl => Box::new(input.lines().enumerate().filter_map(move |(n, line)| match line {
            Err(e) => Some(Err(Error::Io(e))),
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(serde_json::from_str::<Record>(&l).map_err(|e| Error::Parse {
                name: name.clone(),
                line: n + 1,
                message: e.to_string(),
            })),
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

/// Read a line-aligned pair (`PREFIX.en`, `PREFIX.zh`): one record per line pair.
pub fn read_line_aligned<'a>(en: impl BufRead + 'a, zh: impl BufRead + 'a) -> Records<'a> {
    let mut zh = zh.lines();
    let mut line = 0;
    Box::new(en.lines().map(move |e| {
        line += 1;
        let e = e?;
        match zh.next() {
            Some(z) => {
                let z = z?;
                Ok(Record {
                    zh_ids: vec![line - 1],
                    en_ids: vec![line - 1],
                    en: e,
                    zh: z,
                    score: 1.0,
                    ..Record::default()
                })
            }
            None => Err(Error::Parse {
                name: "line-aligned pair".into(),
                line,
                message: "the zh file has fewer lines than the en file".into(),
            }),
        }
    }))
}

/// Column roles from a header row: which column holds which language and metadata.
struct Columns {
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
            doc: opt(self.doc),
            zh_ids: (0..nz).collect(),
            en_ids: (0..ne).collect(),
            en,
            zh,
            anchors: Vec::new(),
        }
    }
}

fn csv_records<'a>(
    input: impl BufRead + 'a,
    delimiter: u8,
    name: String,
) -> Result<Records<'a>, Error> {
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
        let fields: Vec<String> = row?.iter().map(str::to_string).collect();
        Ok(columns.record(&fields))
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
    Ok(Box::new(lines.filter_map(move |line| match line {
        Err(e) => Some(Err(Error::Io(e))),
        Ok(l) if l.is_empty() => None,
        Ok(l) => {
            let fields: Vec<String> = l
                .trim_end_matches('\r')
                .split('\t')
                .map(str::to_string)
                .collect();
            Some(Ok(columns.record(&fields)))
        }
    })))
}

/// Streaming TMX reader: one record per `<tu>` with a zh and/or an en `<tuv>`.
struct TmxReader<R: BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    name: String,
    done: bool,
}

impl<R: BufRead> TmxReader<R> {
    fn new(input: R, name: String) -> Self {
        let mut xml = quick_xml::Reader::from_reader(input);
        xml.config_mut().trim_text(false);
        TmxReader {
            xml,
            buf: Vec::new(),
            name,
            done: false,
        }
    }

    fn error(&self, message: impl std::fmt::Display) -> Error {
        parse_error(&self.name, self.xml.buffer_position(), message)
    }

    /// Read events up to the end of the next `<tu>`.
    fn next_tu(&mut self) -> Result<Option<Record>, Error> {
        let mut record: Option<Record> = None;
        let mut lang: Option<Lang> = None;
        let mut in_seg = false;
        // Depth inside inline elements whose content is native code, not text.
        let mut code_depth = 0usize;
        let mut prop: Option<String> = None;
        let mut prop_value = String::new();
        let mut seg = String::new();
        let mut link_type: Option<String> = None;
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| parse_error(&self.name, self.xml.buffer_position(), e))?;
            match event {
                Event::Eof => {
                    if record.is_some() {
                        return Err(self.error("the file ends inside a <tu>"));
                    }
                    return Ok(None);
                }
                Event::Start(e) => {
                    let tag = e.local_name().as_ref().to_ascii_lowercase();
                    match tag.as_slice() {
                        b"tu" => record = Some(Record::default()),
                        b"tuv" => {
                            lang = None;
                            for a in e.attributes().flatten() {
                                let key = a.key.as_ref().to_ascii_lowercase();
                                if key == b"xml:lang" || key == b"lang" {
                                    let v = a.unescape_value().map_err(|e| {
                                        parse_error(&self.name, self.xml.buffer_position(), e)
                                    })?;
                                    lang = v.parse::<Lang>().ok();
                                }
                            }
                        }
                        b"seg" => {
                            in_seg = true;
                            seg.clear();
                        }
                        b"prop" if !in_seg => {
                            prop = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"type")
                                .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                            prop_value.clear();
                        }
                        b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg => code_depth += 1,
                        _ => {}
                    }
                }
                Event::End(e) => {
                    let tag = e.local_name().as_ref().to_ascii_lowercase();
                    match tag.as_slice() {
                        b"seg" => {
                            in_seg = false;
                            if let (Some(r), Some(l)) = (record.as_mut(), lang) {
                                match l {
                                    Lang::En => {
                                        r.en = std::mem::take(&mut seg);
                                        r.en_ids = vec![0];
                                    }
                                    Lang::Zh => {
                                        r.zh = std::mem::take(&mut seg);
                                        r.zh_ids = vec![0];
                                    }
                                }
                            }
                        }
                        b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg => {
                            code_depth = code_depth.saturating_sub(1)
                        }
                        b"prop" => {
                            if let (Some(r), Some(kind)) = (record.as_mut(), prop.take()) {
                                let v = std::mem::take(&mut prop_value);
                                match kind.as_str() {
                                    "x-document" => r.doc = Some(v),
                                    "x-paragraph" => r.block = Some(v),
                                    "x-score" => r.score = v.trim().parse().unwrap_or(r.score),
                                    "x-link-type" => link_type = Some(v),
                                    _ => {}
                                }
                            }
                        }
                        b"tu" => {
                            if let Some(mut r) = record.take() {
                                if r.score == 0.0 {
                                    r.score = 1.0;
                                }
                                // `2-1` from bitext's own TMX: restore the unit counts.
                                let counts = link_type.take().and_then(|t| {
                                    let (a, b) = t.split_once('-')?;
                                    Some((
                                        a.trim().parse::<usize>().ok()?,
                                        b.trim().parse::<usize>().ok()?,
                                    ))
                                });
                                if let Some((nz, ne)) = counts {
                                    if !r.zh.is_empty() {
                                        r.zh_ids = (0..nz.max(1)).collect();
                                    }
                                    if !r.en.is_empty() {
                                        r.en_ids = (0..ne.max(1)).collect();
                                    }
                                }
                                return Ok(Some(r));
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let text = t
                        .unescape()
                        .map_err(|e| parse_error(&self.name, self.xml.buffer_position(), e))?;
                    if in_seg && code_depth == 0 {
                        seg.push_str(&text);
                    } else if prop.is_some() {
                        prop_value.push_str(&text);
                    }
                }
                Event::CData(t) if in_seg && code_depth == 0 => {
                    seg.push_str(&String::from_utf8_lossy(&t));
                }
                _ => {}
            }
        }
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_tu() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
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
