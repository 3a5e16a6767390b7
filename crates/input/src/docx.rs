//! Word (`.docx`) documents read directly from the package (zip + XML), as a reader sees
//! them: body paragraphs and table cells in reading order, automatic numbering rendered
//! (`1.`, `(a)`, `一、` — in UN documents paragraph numbers are often Word numbering, and
//! they are the strongest anchors), fields by their displayed result, tracked changes
//! accepted (insertions kept, deletions dropped), hidden text dropped, footnote and
//! endnote references removed from the text and the notes appended as their own
//! paragraphs (`N text`, which the segmenters take as footnotes).
//!
//! ```
//! # use std::io::Write;
//! # let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! # zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
//! # zip.write_all(br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>The Committee met.</w:t></w:r></w:p></w:body></w:document>"#).unwrap();
//! # let bytes = zip.finish().unwrap().into_inner();
//! let doc = bitext_input::docx::read("report.docx", &bytes).unwrap();
//! assert_eq!(doc.paragraphs, ["The Committee met."]);
//! ```

use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// A Word document as paragraphs of text, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocxText {
    /// Body paragraphs (with their rendered numbering), then notes.
    pub paragraphs: Vec<String>,
    /// Whether each paragraph is a heading by its style (Word's `Heading 1`–`9` and
    /// `Title`, any style with an outline level, the UN templates' `HChG`, `H1G` …).
    pub headings: Vec<bool>,
    /// The paragraphs of the page headers, then of the page footers (symbol, job
    /// number): not text to align, but where a document's symbol is.
    pub furniture: Vec<String>,
}

/// The package starts like a Word document (a zip with `word/document.xml`).
pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map(|z| z.index_for_name("word/document.xml").is_some())
            .unwrap_or(false)
}

fn invalid(name: &str, message: impl Into<String>) -> Error {
    Error::invalid(name, message)
}

/// Read a `.docx` package; `name` is what messages call it.
pub fn read(name: &str, bytes: &[u8]) -> Result<DocxText> {
    read_limited(
        name,
        bytes,
        crate::DEFAULT_MAX_EXPANDED_MB.saturating_mul(1 << 20),
    )
}

/// One part of a package read within what is left of the expansion `budget` (which
/// it then takes): its text, or the error reading it; past the budget, the
/// `too_big` error.
fn read_within(
    part: impl Read,
    budget: &mut u64,
    too_big: impl FnOnce() -> Error,
) -> Result<std::io::Result<String>> {
    let mut text = String::new();
    if let Err(e) = part.take(*budget + 1).read_to_string(&mut text) {
        return Ok(Err(e));
    }
    if text.len() as u64 > *budget {
        return Err(too_big());
    }
    *budget -= text.len() as u64;
    Ok(Ok(text))
}

/// Read a `.docx` package whose parts may expand to at most `max_expanded` bytes in
/// all (read with a budget, not trusting the sizes the zip declares).
pub fn read_limited(name: &str, bytes: &[u8], max_expanded: u64) -> Result<DocxText> {
    let mut budget = max_expanded;
    let too_big = |path: &str| Error::Expanded {
        name: name.to_string(),
        part: path.to_string(),
        limit_mb: max_expanded >> 20,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        invalid(
            name,
            format!("not a readable Word document (a damaged zip package: {e})"),
        )
    })?;
    if zip.index_for_name("EncryptedPackage").is_some() {
        return Err(invalid(
            name,
            "the Word document is password-protected; save an unprotected copy first",
        ));
    }
    let mut part = |path: &str| -> Result<Option<String>> {
        let Ok(file) = zip.by_name(path) else {
            return Ok(None);
        };
        read_within(file, &mut budget, || too_big(path))?
            .map(Some)
            .map_err(|e| invalid(name, format!("{path}: cannot be read: {e}")))
    };
    let Some(document) = part("word/document.xml")? else {
        return Err(invalid(
            name,
            "a zip package without word/document.xml: not a Word document (an .odt or .xlsx? convert it with soffice --headless --convert-to docx FILE)",
        ));
    };
    let numbering = part("word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let styles_xml = part("word/styles.xml")?;
    let styles = styles_xml
        .as_deref()
        .map(style_numbering)
        .unwrap_or_default();
    let heading_styles = styles_xml
        .as_deref()
        .map(outline_styles)
        .unwrap_or_default();
    let footnotes = part("word/footnotes.xml")?;
    let endnotes = part("word/endnotes.xml")?;
    let mut reader = BodyReader {
        numbering,
        style_num: styles,
        counters: HashMap::new(),
        paragraphs: Vec::new(),
        headings: Vec::new(),
        heading_styles,
    };
    reader.read_paragraphs(name, &document, true)?;
    if !document.contains("<w:body") && !document.contains(":body") {
        return Err(invalid(name, "the Word document has no body"));
    }
    // Notes after the body, numbered in order: "N text" is how the segmenters know
    // a footnote.
    let mut note_number = 0;
    for notes in [footnotes, endnotes].into_iter().flatten() {
        for text in read_notes(name, &notes)? {
            note_number += 1;
            reader.paragraphs.push(format!("{note_number} {text}"));
            reader.headings.push(false);
        }
    }
    let mut furniture = Vec::new();
    for kind in ["word/header", "word/footer"] {
        let mut names: Vec<String> = zip
            .file_names()
            .filter(|n| n.starts_with(kind) && n.ends_with(".xml"))
            .map(str::to_string)
            .collect();
        names.sort();
        for part_name in names {
            if let Ok(file) = zip.by_name(&part_name) {
                // A header that cannot be read costs only metadata.
                if let Ok(xml) = read_within(file, &mut budget, || too_big(&part_name))? {
                    let mut r = BodyReader::plain();
                    if r.read_paragraphs(name, &xml, false).is_ok() {
                        furniture.extend(r.paragraphs.into_iter().filter(|p| !p.trim().is_empty()));
                    }
                }
            }
        }
    }
    Ok(DocxText {
        paragraphs: reader.paragraphs,
        headings: reader.headings,
        furniture,
    })
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// One level of a list: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// `numbering.xml`: abstract numberings and the numbering instances that use them.
#[derive(Debug, Clone, Default)]
struct Numbering {
    abstract_levels: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    instances: HashMap<String, (String, HashMap<u32, u32>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Self {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<u32> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            let (start, empty) = match &event {
                Event::Start(e) => (Some(e.clone()), false),
                Event::Empty(e) => (Some(e.clone()), true),
                _ => (None, false),
            };
            if let Some(e) = start {
                match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                    b"num" => num_id = attr(&e, b"numId"),
                    b"lvl" if abstract_id.is_some() && !empty => {
                        let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                            l.text = v;
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num_id, attr(&e, b"val")) {
                            n.instances.entry(id.clone()).or_default().0 = v;
                        }
                    }
                    b"lvlOverride" => {
                        override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                    }
                    b"startOverride" => {
                        if let (Some(id), Some(l), Some(v)) =
                            (&num_id, override_level, attr(&e, b"val"))
                        {
                            n.instances
                                .entry(id.clone())
                                .or_default()
                                .1
                                .insert(l, v.parse().unwrap_or(1));
                        }
                    }
                    _ => {}
                }
            }
            if let Event::End(e) = &event {
                match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            n.abstract_levels
                                .entry(id.clone())
                                .or_default()
                                .insert(ilvl, l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    b"lvlOverride" => override_level = None,
                    _ => {}
                }
            }
        }
        n
    }

    fn level(&self, num_id: &str, ilvl: u32) -> Option<&Level> {
        let (abs, _) = self.instances.get(num_id)?;
        self.abstract_levels.get(abs)?.get(&ilvl)
    }

    fn start(&self, num_id: &str, ilvl: u32) -> u32 {
        self.instances
            .get(num_id)
            .and_then(|(_, o)| o.get(&ilvl).copied())
            .or_else(|| self.level(num_id, ilvl).map(|l| l.start))
            .unwrap_or(1)
    }
}

/// Paragraph styles that carry numbering (`styles.xml`): style id → (numId, level).
fn style_numbering(xml: &str) -> HashMap<String, (String, u32)> {
    let mut out = HashMap::new();
    for style in styles_around(xml, "numPr") {
        parse_styles(style, &mut out);
    }
    out
}

/// The `<style>` elements of a styles part that contain `marker`. Only those are
/// parsed: a styles part is mostly latent styles and formatting (350 KB in
/// python-docx's template, as in many real documents).
fn styles_around<'x>(xml: &'x str, marker: &'x str) -> impl Iterator<Item = &'x str> + 'x {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = xml[from..].find(marker).map(|i| i + from) {
            let open = xml[..at]
                .rfind(":style ")
                .into_iter()
                .chain(xml[..at].rfind("<style "))
                .max()
                .and_then(|i| xml[..=i].rfind('<'));
            let close = xml[at..].find("style>").map(|i| at + i + "style>".len());
            match (open, close) {
                (Some(open), Some(close)) if open >= from => {
                    from = close;
                    return Some(&xml[open..close]);
                }
                _ => from = at + marker.len(),
            }
        }
        None
    })
}

/// Style ids whose paragraphs are headings: those with an outline level (Word's
/// built-in headings in any UI language carry one).
fn outline_styles(xml: &str) -> HashSet<String> {
    styles_around(xml, "outlineLvl")
        .filter_map(
            |style| match quick_xml::Reader::from_str(style).read_event() {
                Ok(Event::Start(e)) => attr(&e, b"styleId"),
                _ => None,
            },
        )
        .collect()
}

/// Heading style ids by name: Word's English ids and the UN templates' (`HChG`,
/// `H1G`, `H23G`, `H4G`, `H56G`).
fn heading_style_id(id: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    lower == "title"
        || lower
            .strip_prefix("heading")
            .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
        || (id.starts_with('H')
            && id.ends_with('G')
            && id.len() <= 5
            && (id[1..id.len() - 1].chars().all(|c| c.is_ascii_digit())
                || &id[1..id.len() - 1] == "Ch"))
}

fn parse_styles(xml: &str, out: &mut HashMap<String, (String, u32)>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut num: Option<String> = None;
    let mut ilvl = 0u32;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    style = attr(&e, b"styleId");
                    num = None;
                    ilvl = 0;
                }
                b"numId" => num = attr(&e, b"val"),
                b"ilvl" => ilvl = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                if let (Some(s), Some(n)) = (style.take(), num.take()) {
                    out.insert(s, (n, ilvl));
                }
            }
            _ => {}
        }
    }
}

/// A number in a Word number format.
pub fn format_number(n: u32, format: &str) -> String {
    const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    let letters = |upper: bool| {
        // a..z, then aa, bb … as Word writes them.
        let k = (n.max(1) - 1) as usize;
        let c = LOWER[k % 26] as char;
        let s: String = std::iter::repeat_n(c, k / 26 + 1).collect();
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    match format {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => bitext_core::roman_numeral(n).to_lowercase(),
        "upperRoman" => bitext_core::roman_numeral(n),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese_counting(n),
        "ideographTraditional" => {
            const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
            STEMS[((n.max(1) - 1) % 10) as usize].to_string()
        }
        "decimalZero" => format!("{n:02}"),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五.
fn chinese_counting(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return DIGITS[0].into();
    }
    if n < 10 {
        return DIGITS[n as usize].into();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    if n < 100 {
        return format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    let (h, rest) = (n / 100, n % 100);
    let tail = match rest {
        0 => String::new(),
        1..=9 => format!("零{}", DIGITS[rest as usize]),
        10..=19 => format!("一{}", chinese_counting(rest)),
        _ => chinese_counting(rest),
    };
    format!("{}百{tail}", chinese_counting(h))
}

/// The paragraphs of the body (or of a note), with numbering counters.
struct BodyReader {
    numbering: Numbering,
    style_num: HashMap<String, (String, u32)>,
    /// Per numbering instance: the current counter of each level.
    counters: HashMap<String, Vec<u32>>,
    paragraphs: Vec<String>,
    headings: Vec<bool>,
    /// Style ids with an outline level in styles.xml.
    heading_styles: HashSet<String>,
}

impl BodyReader {
    /// A reader without numbering or styles (notes, page headers and footers).
    fn plain() -> Self {
        BodyReader {
            numbering: Numbering::default(),
            style_num: HashMap::new(),
            counters: HashMap::new(),
            paragraphs: Vec::new(),
            headings: Vec::new(),
            heading_styles: HashSet::new(),
        }
    }
}

/// What the reader is inside of, for the text of runs.
#[derive(Default)]
struct RunState {
    /// Depth inside deleted content (`w:del`, `w:moveFrom`).
    deleted: u32,
    /// Inside a field's instruction (between `begin` and `separate`).
    field_code: u32,
    /// The current run is hidden (`w:vanish`).
    hidden: bool,
    in_run_props: bool,
}

impl BodyReader {
    /// The rendered number label of a paragraph in list `num_id` at `ilvl`.
    fn label(&mut self, num_id: &str, ilvl: u32) -> String {
        if num_id == "0" {
            return String::new();
        }
        let Some(level) = self.numbering.level(num_id, ilvl).cloned() else {
            return String::new();
        };
        let starts: Vec<u32> = (0..=ilvl)
            .map(|l| self.numbering.start(num_id, l))
            .collect();
        let counters = self.counters.entry(num_id.to_string()).or_default();
        let depth = ilvl as usize + 1;
        if counters.len() < depth {
            // Levels above this one not seen yet start at their start value; this
            // level starts one before, so the increment gives its start.
            for (l, start) in starts.iter().enumerate().skip(counters.len()) {
                counters.push(if l + 1 == depth { start - 1 } else { *start });
            }
        }
        counters.truncate(depth);
        counters[ilvl as usize] += 1;
        let values = counters.clone();
        let mut text = level.text.clone();
        for (l, v) in values.iter().enumerate() {
            let fmt = self
                .numbering
                .level(num_id, l as u32)
                .map(|x| x.format.clone())
                .unwrap_or_default();
            text = text.replace(&format!("%{}", l + 1), &format_number(*v, &fmt));
        }
        if level.format == "bullet" {
            return String::new();
        }
        text
    }

    /// Read `w:p` paragraphs (in tables too) of an XML part.
    fn read_paragraphs(&mut self, name: &str, xml: &str, body: bool) -> Result<()> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut in_para = false;
        let mut text = String::new();
        let mut num: Option<(String, u32)> = None;
        let mut style: Option<String> = None;
        let mut state = RunState::default();
        let mut in_ppr = false;
        let mut in_body = !body;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| invalid(name, format!("the document XML is damaged: {e}")))?;
            match event {
                Event::Eof => break,
                // Leaf elements count whether written empty (`<w:fldChar …/>`) or
                // with an end tag (`<w:fldChar …></w:fldChar>`, as LibreOffice writes);
                // containers only when they open.
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let opens = matches!(event, Event::Start(_));
                    match e.local_name().as_ref() {
                        b"body" if opens => in_body = true,
                        b"p" if opens && in_body => {
                            in_para = true;
                            text.clear();
                            num = None;
                            style = None;
                        }
                        b"pPr" if opens => in_ppr = true,
                        b"rPr" if opens => state.in_run_props = true,
                        b"r" if opens => state.hidden = false,
                        b"del" | b"moveFrom" if opens => state.deleted += 1,
                        b"pStyle" if in_ppr => style = attr(e, b"val"),
                        b"numId" if in_ppr => {
                            let id = attr(e, b"val").unwrap_or_default();
                            num = Some((id, num.as_ref().map_or(0, |n| n.1)));
                        }
                        b"ilvl" if in_ppr => {
                            let l = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            num = Some((num.map(|n| n.0).unwrap_or_default(), l));
                        }
                        b"vanish" if state.in_run_props => state.hidden = true,
                        b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                            Some("begin") => state.field_code += 1,
                            Some("separate") => {
                                state.field_code = state.field_code.saturating_sub(1)
                            }
                            _ => {}
                        },
                        b"tab" if in_para && !in_ppr && state.deleted == 0 && !state.hidden => {
                            text.push('\t')
                        }
                        b"br" | b"cr" if in_para && state.deleted == 0 && !state.hidden => {
                            text.push(' ')
                        }
                        b"noBreakHyphen" if in_para && state.deleted == 0 && !state.hidden => {
                            text.push('-')
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let visible = in_para
                        && !in_ppr
                        && state.deleted == 0
                        && state.field_code == 0
                        && !state.hidden;
                    if visible {
                        let s = t.unescape().map_err(|e| {
                            invalid(name, format!("the document XML is damaged: {e}"))
                        })?;
                        text.push_str(&s);
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"pPr" => in_ppr = false,
                    b"rPr" => state.in_run_props = false,
                    b"del" | b"moveFrom" => state.deleted = state.deleted.saturating_sub(1),
                    b"p" if in_para => {
                        in_para = false;
                        let numbering =
                            num.clone().filter(|(id, _)| !id.is_empty()).or_else(|| {
                                style.as_ref().and_then(|s| self.style_num.get(s).cloned())
                            });
                        let label = match numbering {
                            Some((id, ilvl)) => self.label(&id, ilvl),
                            None => String::new(),
                        };
                        let body_text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !body_text.is_empty() {
                            let heading = style.as_deref().is_some_and(|s| {
                                self.heading_styles.contains(s) || heading_style_id(s)
                            });
                            self.headings.push(heading);
                            self.paragraphs.push(if label.is_empty() {
                                body_text
                            } else {
                                format!("{label} {body_text}")
                            });
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(())
    }
}

/// The text of each real note of `footnotes.xml`/`endnotes.xml` (separators skipped).
fn read_notes(name: &str, xml: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth_note = false;
    let mut skip = false;
    let mut chunk_start = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| invalid(name, format!("the notes XML is damaged: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) if matches!(e.local_name().as_ref(), b"footnote" | b"endnote") => {
                depth_note = true;
                skip = attr(&e, b"type").is_some_and(|t| t != "normal");
                chunk_start = before;
            }
            Event::End(e) if matches!(e.local_name().as_ref(), b"footnote" | b"endnote") => {
                let end = reader.buffer_position() as usize;
                if depth_note && !skip {
                    let mut notes = BodyReader::plain();
                    notes.read_paragraphs(name, &xml[chunk_start..end], false)?;
                    let text = notes.paragraphs.join(" ");
                    if !text.trim().is_empty() {
                        out.push(text);
                    }
                }
                depth_note = false;
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (path, body) in parts {
            zip.start_file(*path, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
</w:numbering>"#;

    fn para(num: Option<(u32, u32)>, runs: &str) -> String {
        let ppr = num
            .map(|(id, l)| {
                format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
            })
            .unwrap_or_default();
        format!("<w:p>{ppr}{runs}</w:p>")
    }

    fn run(t: &str) -> String {
        format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
    }

    #[test]
    fn numbering_fields_changes_hidden_text_tables_and_notes() {
        let body = [
            para(Some((1, 0)), &run("The Committee met.")),
            para(Some((1, 1)), &run("first item;")),
            para(Some((1, 1)), &run("second item.")),
            para(
                Some((1, 0)),
                &format!(
                    "{}<w:ins><w:r><w:t>accepted </w:t></w:r></w:ins><w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>{}<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>{}",
                    run("It adopted the "),
                    run("report"),
                    run("."),
                ),
            ),
            para(
                None,
                &format!(
                    "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>",
                    run("See page "),
                    run("4"),
                    run(" of resolution 77/278."),
                ),
            ),
            format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                para(None, &run("Cell one")),
                para(None, &run("Cell two"))
            ),
            para(Some((2, 0)), &run("概述")),
            para(Some((2, 0)), &run("讨论")),
            para(Some((3, 0)), &run("Restarted at seven.")),
        ]
        .concat();
        let document = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let footnotes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>A/78/6 (Sect. 29A).</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let bytes = package(&[
            ("word/document.xml", &document),
            ("word/numbering.xml", NUMBERING),
            ("word/footnotes.xml", footnotes),
        ]);
        assert!(looks_like_docx(&bytes));
        let doc = read("t.docx", &bytes).unwrap();
        assert_eq!(
            doc.paragraphs,
            [
                "1. The Committee met.",
                "(a) first item;",
                "(b) second item.",
                "2. It adopted the accepted report.",
                "See page 4 of resolution 77/278.",
                "Cell one",
                "Cell two",
                "一、 概述",
                "二、 讨论",
                "7. Restarted at seven.",
                "1 A/78/6 (Sect. 29A).",
            ]
        );
    }

    #[test]
    fn headings_by_style_and_headers_apart() {
        let styled = |style: &str, text: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
                run(text)
            )
        };
        let body = [
            styled("HChG", "Programme 25"),
            styled("1", "讨论情况"),
            styled("Heading2", "Discussion"),
            styled("Normal", "The Committee met."),
        ]
        .concat();
        let document = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        // A Chinese Word's built-in heading: id "1", found by its outline level.
        let styles = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
        let header =
            r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>A/78/6 (Sect. 29A)</w:t></w:r></w:p></w:hdr>"#;
        let bytes = package(&[
            ("word/document.xml", &document),
            ("word/styles.xml", styles),
            ("word/header1.xml", header),
        ]);
        let doc = read("h.docx", &bytes).unwrap();
        assert_eq!(doc.headings, [true, true, true, false]);
        assert_eq!(doc.furniture, ["A/78/6 (Sect. 29A)"]);
    }

    #[test]
    fn numbers_in_word_formats() {
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
    }

    #[test]
    fn damaged_and_foreign_packages_are_named() {
        let err = read("x.docx", b"PK\x03\x04garbage")
            .unwrap_err()
            .to_string();
        assert!(err.contains("damaged zip"), "{err}");
        let odt = package(&[("content.xml", "<office/>")]);
        let err = read("x.docx", &odt).unwrap_err().to_string();
        assert!(err.contains("not a Word document"), "{err}");
        let locked = package(&[("EncryptedPackage", "x")]);
        assert!(read("x.docx", &locked)
            .unwrap_err()
            .to_string()
            .contains("password-protected"));
    }
}
