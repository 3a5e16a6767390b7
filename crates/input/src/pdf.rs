//! Reading PDF documents (pure Rust: `pdf-extract` over `lopdf`): the text layer of
//! each page as lines in reading order, with what the page layout tells and plain text
//! cannot — running headers and footers (lines repeated at the top or foot of the
//! pages) are set aside, footnotes (smaller type at the page foot) are taken out of
//! the running text and appended as `N text` paragraphs, which the segmenters take as
//! footnote units, and footnote reference marks (raised small digits) are glued to the
//! word they follow, where `bitext_core::footnote_markers` removes them.
//!
//! The result is text of the kind `pdftotext` gives (hard-wrapped lines, a blank line
//! between paragraphs, a form feed between pages), so the segmenters' layout cleaning
//! (hard wraps, hyphenation, page breaks, job numbers) applies to it unchanged.
//!
//! ```no_run
//! let bytes = std::fs::read("tests/fixtures/pdf/en.pdf")?;
//! let pdf = bitext_input::pdf::read("en.pdf", &bytes)?;
//! assert!(pdf.pages > 1);
//! assert!(pdf.furniture.iter().any(|l| l.starts_with("E/AC.51")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{Error, Result};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::cell::Cell;

/// The text of a PDF document.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The running text: lines in reading order, a blank line between paragraphs, a
    /// form feed between pages, the footnotes appended as `N text` paragraphs.
    pub text: String,
    /// Running header and footer lines (symbol, job number, page number), those of
    /// the first page first: not text to align, but where a document's symbol is.
    pub furniture: Vec<String>,
    /// Number of pages.
    pub pages: usize,
    /// Number of footnotes moved out of the running text.
    pub footnotes: usize,
}

/// How the page layout is read. The values are in units of the font size (em) or
/// shares, independent of the page size.
#[derive(Debug, Clone, Copy)]
pub struct LayoutParams {
    /// Horizontal gap (em) after which two glyphs of a line are separated by a space.
    pub word_gap: f64,
    /// Vertical distance (em) within which two glyphs sit on one line.
    pub same_line: f64,
    /// A line gap larger than this many times the page's usual line pitch starts a
    /// new paragraph.
    pub paragraph_gap: f64,
    /// Type smaller than this share of the page's body type is "small" (footnotes,
    /// reference marks).
    pub small_type: f64,
    /// A small glyph whose baseline is this far (em of the body type) above its
    /// line's baseline is a superscript (a footnote reference mark).
    pub superscript_rise: f64,
    /// A horizontal gap (em of the body type) that separates table cells or columns.
    pub column_gap: f64,
    /// Share of a page's lines that must start at one position near the middle for
    /// the page to be read as two columns.
    pub two_column_rows: f64,
    /// The narrowest gutter (em of the body type) between two columns: wider than a
    /// word space, even a justified line's stretched one (~0.3-0.8 em), narrower than
    /// any gutter in use (0.5 cm is 1.2 em of 12 pt type). Columns are found where
    /// nearly every line of the page leaves this much room at one place.
    pub min_gutter: f64,
    /// Share of a page's rows that may run across a gutter (a title over both
    /// columns, a full-width table).
    pub gutter_crossing: f64,
    /// The largest line pitch (em of the body type) taken as ordinary line spacing.
    pub max_line_pitch: f64,
    /// Lines this close to the top or the foot of a page (share of the page height)
    /// may be running headers or footers.
    pub margin_share: f64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            word_gap: 0.12,
            same_line: 0.35,
            paragraph_gap: 1.45,
            max_line_pitch: 1.5,
            column_gap: 3.0,
            two_column_rows: 0.25,
            min_gutter: 1.0,
            gutter_crossing: 0.1,
            small_type: 0.9,
            superscript_rise: 0.2,
            margin_share: 0.12,
        }
    }
}

/// Read the text of the PDF `bytes` (reported as `name`). An encrypted document that
/// needs a password, a document without a text layer (a scan) and a damaged file are
/// refused with a message saying so.
pub fn read(name: &str, bytes: &[u8]) -> Result<PdfText> {
    read_with(name, bytes, &LayoutParams::default())
}

/// [`read`] with explicit layout parameters.
pub fn read_with(name: &str, bytes: &[u8], params: &LayoutParams) -> Result<PdfText> {
    let refuse = |reason: String| Error::Read {
        name: name.to_string(),
        reason,
    };
    let mut doc = quietly(|| pdf_extract::Document::load_mem(bytes))
        .ok_or_else(|| refuse("is a damaged PDF (the reader failed on it)".into()))?
        .map_err(|e| refuse(format!("is a damaged PDF ({e})")))?;
    if doc.is_encrypted() {
        // Most "protected" PDFs only restrict printing or copying: their user password
        // is empty and they open without one.
        if quietly(|| doc.decrypt("")).and_then(|r| r.ok()).is_none() {
            return Err(refuse(
                "is an encrypted PDF that needs a password; save an unprotected copy (e.g. qpdf --decrypt --password=… IN OUT)".into(),
            ));
        }
    }
    let mut collector = Collector::default();
    match quietly(|| pdf_extract::output_doc(&doc, &mut collector)) {
        Some(Ok(())) => {}
        Some(Err(e)) => return Err(refuse(format!("cannot read its text ({e})"))),
        None => {
            return Err(refuse(
                "cannot read its text (the PDF reader failed on it)".into(),
            ))
        }
    }
    collector.finish_page();
    let pages = collector.pages;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if pages.is_empty() || glyphs == 0 {
        return Err(refuse(format!(
            "has no text layer ({} page(s) of images: a scan?); run OCR first (e.g. ocrmypdf -l chi_sim+eng IN OUT)",
            pages.len()
        )));
    }
    Ok(lay_out(pages, params))
}

/// One drawn character.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    /// Baseline, from the top of the page.
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    width: f64,
    glyphs: Vec<Glyph>,
}

#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Page>,
    current: Option<Page>,
}

impl Collector {
    fn finish_page(&mut self) {
        if let Some(page) = self.current.take() {
            self.pages.push(page);
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.finish_page();
        self.current = Some(Page {
            height: (media_box.ury - media_box.lly).abs(),
            width: (media_box.urx - media_box.llx).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        let Some(page) = self.current.as_mut() else {
            return Ok(());
        };
        if text.trim().is_empty() {
            return Ok(());
        }
        // The font size in page space: the side of the square with the area of the
        // transformed em square (as pdf-extract's own text output computes it).
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let (x, y) = (trm.m31, page.height - trm.m32);
        page.glyphs.push(Glyph {
            x,
            y,
            end: x + width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// A line of a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Left and right edges.
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    /// The line began with a raised small number (a footnote's own number).
    starts_with_mark: bool,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// A paragraph number set without a gap before a Latin word (`10.Efforts`, where the
/// number filled its tab stop) gets its space back: a decimal point is followed by
/// digits, never by a letter, so nothing else is touched.
fn space_after_label(line: &str) -> String {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    if (1..=3).contains(&digits)
        && rest.starts_with('.')
        && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        format!("{}. {}", &line[..digits], &rest[1..])
    } else {
        line.to_string()
    }
}

/// The superscript form of an ASCII digit.
fn superscript(d: char) -> char {
    d.to_digit(10)
        .map_or(d, |v| bitext_core::SUPERSCRIPT_DIGITS[v as usize])
}

/// The most common of `values` to half a point (the larger one on a tie).
fn most_common(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
    for v in values {
        *counts.entry((v * 2.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, v))
        .map(|(v, _)| v as f64 / 2.0)
}

/// The most common glyph size of a page (weighted by glyphs), to half a point.
fn body_size(glyphs: &[Glyph]) -> f64 {
    most_common(glyphs.iter().map(|g| g.size)).unwrap_or(10.0)
}

/// The glyphs of a page as lines, top to bottom, each left to right.
fn lines_of(page: &Page, body: f64, params: &LayoutParams) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let tolerance = params.same_line * body;
    let small = |g: &Glyph| g.size < body * params.small_type;
    // Rows by baseline, first of the glyphs that are not raised marks: a line of
    // small type (a footnote) is a row of its own.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut marks: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= tolerance * g.size / body.max(1.0) + 0.5 => {
                row.push(g)
            }
            _ if small(g) && g.text.chars().all(|c| c.is_ascii_digit()) => marks.push(g),
            _ => rows.push(vec![g]),
        }
    }
    // A small raised number joins the row whose baseline lies just below it (a
    // reference mark); alone, it starts a row (a footnote's own number).
    for mark in marks {
        let host = rows.iter_mut().find(|row| {
            let base = row[0].y;
            base >= mark.y - tolerance && base - mark.y <= body * 0.8
        });
        match host {
            Some(row) => row.push(mark),
            None => rows.push(vec![mark]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let gutter = gutter(&rows, page.width, body, params);
    // A wide gap in a row separates table cells or columns, and so does the page's
    // gutter: each is a line of its own.
    let rows: Vec<(f64, Vec<&Glyph>)> = rows
        .into_iter()
        .flat_map(|row| {
            let base = row_baseline(&row);
            let mut cells: Vec<Vec<&Glyph>> = vec![Vec::new()];
            for g in row {
                let cell = cells.last_mut().expect("not empty");
                if cell.last().is_some_and(|prev| {
                    g.x - prev.end > params.column_gap * body
                        || gutter.is_some_and(|x| prev.end <= x && g.x >= x)
                }) {
                    cells.push(vec![g]);
                } else {
                    cell.push(g);
                }
            }
            cells.into_iter().map(move |cell| (base, cell))
        })
        .collect();
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(base, row)| {
            let mut text = String::new();
            let mut last_end: Option<f64> = None;
            let mut last_char = ' ';
            let raised = |g: &Glyph| {
                g.size < body * params.small_type && base - g.y > params.superscript_rise * body
            };
            let starts_with_mark = row
                .first()
                .is_some_and(|g| raised(g) && g.text.chars().all(|c| c.is_ascii_digit()));
            for (i, g) in row.iter().enumerate() {
                if let Some(end) = last_end {
                    let gap = g.x - end;
                    let first = g.text.chars().next().unwrap_or(' ');
                    // CJK text has no spaces of its own.
                    let threshold = if is_cjk(last_char) && is_cjk(first) {
                        1.0
                    } else {
                        params.word_gap
                    };
                    if !raised(g) && gap > threshold * g.size.max(1.0) && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                if raised(g) && i > 0 && g.text.chars().all(|c| c.is_ascii_digit()) {
                    // A reference mark, glued to what it follows as a superscript
                    // (which the segmenters keep with its sentence and the pipeline
                    // takes out as a footnote reference).
                    text.extend(g.text.chars().map(superscript));
                } else {
                    text.push_str(&g.text);
                    if raised(g) && i == 0 {
                        text.push(' '); // a footnote's own number
                    }
                }
                last_char = g.text.chars().last().unwrap_or(' ');
                last_end = Some(g.end.max(g.x));
            }
            // The size most of the line is set in (a footnote's number may be larger).
            let mut sizes: Vec<f64> = row.iter().map(|g| g.size).collect();
            sizes.sort_by(f64::total_cmp);
            let size = sizes[sizes.len() / 2];
            Line {
                text: space_after_label(text.trim()),
                x: row.first().map_or(0.0, |g| g.x),
                end: row.iter().map(|g| g.end).fold(0.0, f64::max),
                y: base,
                size,
                starts_with_mark,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    lines.sort_by(|a, b| a.y.total_cmp(&b.y)); // stable: cells stay left to right
    lines
}

/// The baseline of a row: where most of its glyphs sit (a raised mark, or a
/// footnote's number set larger than its text, does not move it).
fn row_baseline(row: &[&Glyph]) -> f64 {
    most_common(row.iter().map(|g| g.y)).unwrap_or(0.0)
}

/// The widest line pitch of a footnote's lines, in units of their type size: a
/// running footer under the notes sits further down.
const NOTE_LINE_PITCH: f64 = 1.6;

/// How exactly a running header or footer keeps its place from page to page, in
/// points (to this, a line's distance from the page edge is rounded).
const FURNITURE_PLACE_PT: f64 = 3.0;

/// A line's text with digits folded, so `Page 3` and `Page 4` repeat.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn lay_out(pages: Vec<Page>, params: &LayoutParams) -> PdfText {
    let page_lines: Vec<(f64, f64, Vec<Line>)> = pages
        .iter()
        .map(|p| {
            let body = body_size(&p.glyphs);
            (p.height, body, lines_of(p, body, params))
        })
        .collect();
    let furniture_flags = furniture(&page_lines, params);
    let mut out = PdfText {
        pages: pages.len(),
        ..Default::default()
    };
    let mut footnotes: Vec<String> = Vec::new();
    for (index, (_, body, lines)) in page_lines.iter().enumerate() {
        if index > 0 {
            out.text.push('\x0c');
        }
        let mut content: Vec<&Line> = Vec::with_capacity(lines.len());
        for (line, &is_furniture) in lines.iter().zip(&furniture_flags[index]) {
            if is_furniture {
                out.furniture.push(line.text.clone());
            } else {
                content.push(line);
            }
        }
        // Columns in reading order (one, or the left then the right one), each with
        // its footnotes.
        let mut body_lines: Vec<&Line> = Vec::with_capacity(content.len());
        for column in columns(&content, pages[index].width, *body, params) {
            body_lines.extend_from_slice(split_footnotes(&column, *body, params, &mut footnotes));
        }
        write_body(&mut out.text, &body_lines, *body, params);
    }
    out.footnotes = footnotes.len();
    if !footnotes.is_empty() {
        out.text.push('\x0c');
        for note in footnotes {
            out.text.push('\n');
            out.text.push_str(&note);
            out.text.push('\n');
        }
    }
    out
}

/// Which lines of each page (`(height, body size, lines)`) are running headers and
/// footers: lines in the top or bottom margin whose text (digits folded) recurs at
/// the same place in the margins of other pages, and bare page numbers. The place
/// matters: footnotes at the page foot also recur with only their numbers changed
/// ("3 Available at …", "5 Available at …"), but where the notes of each page end,
/// not at the footer's fixed position; and footnote lines are never furniture.
fn furniture(page_lines: &[(f64, f64, Vec<Line>)], params: &LayoutParams) -> Vec<Vec<bool>> {
    let mut margin_counts: std::collections::HashMap<(String, i64), usize> = Default::default();
    let in_margin = |height: f64, line: &Line| {
        line.y < height * params.margin_share || line.y > height * (1.0 - params.margin_share)
    };
    let place = |height: f64, line: &Line| {
        let from_edge = if line.y < height / 2.0 {
            line.y
        } else {
            line.y - height
        };
        (from_edge / FURNITURE_PLACE_PT).round() as i64
    };
    for (height, _, lines) in page_lines {
        let mut seen = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| in_margin(*height, l)) {
            let key = (furniture_key(&l.text), place(*height, l));
            if seen.insert(key.clone()) {
                *margin_counts.entry(key).or_default() += 1;
            }
        }
    }
    let repeated_from = if page_lines.len() >= 2 { 2 } else { usize::MAX };
    page_lines
        .iter()
        .map(|(height, body, lines)| {
            let notes = footnote_lines(lines, *body, params);
            lines
                .iter()
                .zip(notes)
                .map(|(line, note)| {
                    in_margin(*height, line)
                        && !note
                        && (margin_counts
                            .get(&(furniture_key(&line.text), place(*height, line)))
                            .is_some_and(|&n| n >= repeated_from)
                            || line
                                .text
                                .chars()
                                .all(|c| c.is_ascii_digit() || c == '-' || c == ' '))
                })
                .collect()
        })
        .collect()
}

/// Which lines of a page are footnote text, however often their words recur (the
/// last note of every page ends at the same height): a small-type line that begins
/// with its number, and the small lines that follow it at line pitch.
fn footnote_lines(lines: &[Line], body: f64, params: &LayoutParams) -> Vec<bool> {
    let mut previous: Option<&Line> = None;
    lines
        .iter()
        .map(|line| {
            let small = line.size < body * params.small_type;
            let note = small
                && (begins_footnote(line)
                    || previous.is_some_and(|p| line.y - p.y <= line.size * NOTE_LINE_PITCH));
            previous = note.then_some(line);
            note
        })
        .collect()
}

/// A column's body lines; its footnotes (the block of small-type lines at its foot
/// that begins with a footnote number) go to `footnotes`, wrapped lines joined.
fn split_footnotes<'c, 'l>(
    column: &'c [&'l Line],
    body: f64,
    params: &LayoutParams,
    footnotes: &mut Vec<String>,
) -> &'c [&'l Line] {
    let mut split = column.len();
    while split > 0 && column[split - 1].size < body * params.small_type {
        split -= 1;
    }
    while split < column.len() && !begins_footnote(column[split]) {
        split += 1;
    }
    for line in &column[split..] {
        if begins_footnote(line) || footnotes.is_empty() {
            footnotes.push(line.text.clone());
        } else {
            let last = footnotes.last_mut().expect("not empty");
            join_wrapped(last, &line.text);
        }
    }
    &column[..split]
}

/// A page's body lines as text: a line break between lines, a blank line between
/// paragraphs.
fn write_body(text: &mut String, body_lines: &[&Line], body: f64, params: &LayoutParams) {
    // Line spacing is rarely above 1.5 em; a page of one-line paragraphs (front
    // matter) has only paragraph gaps to measure.
    let pitch = usual_pitch(body_lines).min(body * params.max_line_pitch);
    for (i, line) in body_lines.iter().enumerate() {
        if i > 0 {
            let gap = line.y - body_lines[i - 1].y;
            text.push('\n');
            // A new paragraph after a wide gap, between cells of one row, and where a
            // line starts left of the one before (a hanging paragraph number after the
            // indented lines of the paragraph before).
            let outdented = line.x < body_lines[i - 1].x - body;
            if gap > pitch * params.paragraph_gap || gap.abs() < f64::EPSILON || outdented {
                text.push('\n');
            }
        }
        text.push_str(&line.text);
    }
    text.push('\n');
}

/// Where a page's two columns are parted: the middle of a vertical strip near the
/// middle of the page that nearly every row leaves empty (gaps narrower than
/// [`LayoutParams::min_gutter`] count as text), with text on both sides of it in
/// enough rows (of several such strips, the one with the most). `rows` are sorted
/// left to right. `None` for a page in one column.
fn gutter(rows: &[Vec<&Glyph>], width: f64, body: f64, params: &LayoutParams) -> Option<f64> {
    if rows.len() < 5 || width <= 0.0 {
        return None;
    }
    // 1 pt bins over the middle of the page.
    let (lo, hi) = (width * 0.3, width * 0.7);
    let bins = (hi - lo).ceil() as usize;
    let bin = |x: f64| ((x - lo).floor().max(0.0) as usize).min(bins);
    let mut covered = vec![0usize; bins + 1];
    // Per row, its runs of text (glyphs closer than a gutter), from x to x; the bins
    // each run covers count it once.
    let mut spans: Vec<Vec<(f64, f64)>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut runs: Vec<(f64, f64)> = Vec::new();
        for g in row {
            match runs.last_mut() {
                Some(run) if g.x - run.1 < params.min_gutter * body => run.1 = run.1.max(g.end),
                _ => runs.push((g.x, g.end)),
            }
        }
        for &(a, b) in &runs {
            if b > lo && a < hi {
                for c in &mut covered[bin(a)..=bin(b)] {
                    *c += 1;
                }
            }
        }
        spans.push(runs);
    }
    let open = |c: usize| c as f64 <= params.gutter_crossing * rows.len() as f64;
    let mut best: Option<(usize, f64)> = None;
    let mut k = 0;
    while k <= bins {
        if !open(covered[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k <= bins && open(covered[k]) {
            k += 1;
        }
        let (left, right) = (lo + start as f64, lo + k as f64);
        // Rows with text on both sides of the strip.
        let both = spans
            .iter()
            .filter(|runs| {
                runs.iter().any(|r| r.1 <= left + 1.0) && runs.iter().any(|r| r.0 >= right - 1.0)
            })
            .count();
        if both as f64 >= params.two_column_rows * rows.len() as f64
            && best.is_none_or(|(n, _)| both > n)
        {
            best = Some((both, (left + right) / 2.0));
        }
    }
    best.map(|(_, x)| x)
}

/// The lines of a page as columns in reading order. A page is set in two columns when
/// many of its lines start at one position near the middle and almost none runs
/// across it (in one-column text most lines do); a table or a first-page letterhead
/// does not pass. Lines crossing the boundary (a title over both columns) go with the
/// left column, in their place from the top.
fn columns<'l>(
    lines: &[&'l Line],
    width: f64,
    body: f64,
    params: &LayoutParams,
) -> Vec<Vec<&'l Line>> {
    let mut starts: std::collections::BTreeMap<i64, usize> = Default::default();
    for l in lines {
        if l.x > width * 0.35 && l.x < width * 0.65 {
            *starts.entry((l.x / 2.0).round() as i64).or_default() += 1;
        }
    }
    // The most common start near the middle (to 2 pt; neighbours counted with it).
    let Some((boundary, count)) = starts
        .keys()
        .map(|&k| {
            let n: usize = (k - 1..=k + 1).filter_map(|j| starts.get(&j)).sum();
            (k, n)
        })
        .max_by_key(|&(k, n)| (n, -k))
    else {
        return vec![lines.to_vec()];
    };
    let boundary = (boundary - 1) as f64 * 2.0;
    let crossing = lines
        .iter()
        .filter(|l| l.x < boundary - body && l.end > boundary + body)
        .count();
    let share = |n: usize| n as f64 / lines.len().max(1) as f64;
    if count < 5 || share(count) < params.two_column_rows || share(crossing) > 0.1 {
        return vec![lines.to_vec()];
    }
    // The right column begins where its hanging paragraph numbers do, left of
    // where most of its lines start.
    let column_start = lines
        .iter()
        .map(|l| l.x)
        .filter(|&x| x > width * 0.35 && x <= boundary + 2.0 && x >= boundary - 4.0 * body)
        .fold(boundary, f64::min);
    let (left, right): (Vec<&Line>, Vec<&Line>) =
        lines.iter().partition(|l| l.x < column_start - 1.0);
    vec![left, right]
}

/// A footnote's first line: its number (raised or not) and then text.
fn begins_footnote(line: &Line) -> bool {
    let digits = line.text.chars().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits)
        && (line.starts_with_mark || line.text[digits..].starts_with(' '))
        && line.text.len() > digits
}

/// Join a continuation line of a footnote (a space between Latin words only).
fn join_wrapped(into: &mut String, next: &str) {
    let last = into.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if last == '-' && first.is_lowercase() {
        into.pop();
    } else if !(is_cjk(last) || is_cjk(first)) {
        into.push(' ');
    }
    into.push_str(next);
}

/// The usual distance between consecutive lines (the first quartile: most gaps on a
/// page of text are line gaps, the larger ones paragraph gaps).
fn usual_pitch(lines: &[&Line]) -> f64 {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return f64::MAX;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[gaps.len() / 4]
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run the PDF reader, turning a panic inside it (it has `unwrap`s on malformed
/// input) into `None` without the panic message reaching the user's terminal.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(false));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(lang: &str) -> PdfText {
        let path = format!(
            "{}/../../tests/fixtures/pdf/{lang}.pdf",
            env!("CARGO_MANIFEST_DIR")
        );
        read(&path, &std::fs::read(&path).unwrap()).unwrap()
    }

    #[test]
    fn headers_footers_and_footnotes_leave_the_running_text() {
        for lang in ["zh", "en"] {
            let pdf = fixture(lang);
            assert!(pdf.pages > 3, "{lang}");
            assert!(!pdf.text.contains("E/AC.51/2023/L.4/Add.25"), "{lang}");
            assert!(!pdf.text.contains("23-12345"), "{lang}");
            assert!(pdf.furniture.iter().any(|l| l == "E/AC.51/2023/L.4/Add.25"));
            assert_eq!(pdf.footnotes, 3, "{lang}");
        }
        let en = fixture("en");
        assert!(en
            .text
            .contains("\n1 Official Records of the General Assembly"));
        assert!(en.text.contains("(Sect. 29F)).¹"), "{}", &en.text[..3000]);
        let zh = fixture("zh");
        assert!(
            zh.text.contains("\n3 见 A/77/6"),
            "{}",
            &zh.text[zh.text.len() - 400..]
        );
    }

    #[test]
    fn damaged_and_imageless_pdfs_are_refused() {
        let e = read("x.pdf", b"%PDF-1.7\n1 0 obj garbage").unwrap_err();
        assert!(e.to_string().contains("x.pdf: is a damaged PDF"), "{e}");
    }
}
