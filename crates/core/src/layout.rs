//! Language-neutral page-layout debris: line splitting with byte offsets and the
//! recognisers for lines that PDF extraction leaves between pages (job numbers,
//! `3/5` page lines, `GE.23-…` print codes, a running document-symbol header).
//! [`assemble_paragraphs`] walks the remaining lines into paragraphs; the language
//! crates decide, through a [`LineJoiner`], which lines continue a paragraph and how.

use crate::build::Paragraph;

/// One line of the source with its byte span (line terminator excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl RawLine<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// Split on `\n`, `\r\n`, a lone `\r` and form feed (a PDF page break, which also
/// starts a new line).
pub fn raw_lines(text: &str) -> Vec<RawLine<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\x0c' => {
                lines.push(RawLine {
                    text: &text[start..i],
                    start,
                    end: i,
                });
                start = i + 1;
            }
            b'\r' => {
                lines.push(RawLine {
                    text: &text[start..i],
                    start,
                    end: i,
                });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(RawLine {
            text: &text[start..],
            start,
            end: bytes.len(),
        });
    }
    lines
}

/// `23-11234`, `23-11234 (C)`: the UN print job number at the foot of a page.
fn is_job_number(t: &str) -> bool {
    let core = t.split(" (").next().unwrap_or(t).trim();
    let (a, b) = match core.split_once('-') {
        Some(p) => p,
        None => return false,
    };
    a.len() == 2
        && a.bytes().all(|c| c.is_ascii_digit())
        && (4..=6).contains(&b.len())
        && b.bytes().all(|c| c.is_ascii_digit())
}

/// `3/5`, `3 / 5`: page x of y.
fn is_page_of(t: &str) -> bool {
    let Some((a, b)) = t.split_once('/') else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
    if !(digits(a) && digits(b)) {
        return false;
    }
    // Reports with page footers rarely pass 150 pages; `77/278` is a resolution.
    matches!((a.parse::<u32>(), b.parse::<u32>()), (Ok(x), Ok(y)) if x >= 1 && x <= y && y <= 150)
}

/// `GE.23-01234`, `V.23-01234`, `*2311234*`: print codes and barcodes.
fn is_print_code(t: &str) -> bool {
    let starred = t.len() > 2 && t.starts_with('*') && t.ends_with('*');
    if starred && t[1..t.len() - 1].bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some((pre, rest)) = t.split_once('.') {
        let pre_ok = (1..=3).contains(&pre.len()) && pre.bytes().all(|c| c.is_ascii_uppercase());
        let rest = rest.split_whitespace().next().unwrap_or("");
        return pre_ok && is_job_number(rest);
    }
    false
}

/// Looks like a document symbol standing alone on a line (`E/AC.51/2023/L.4/Add.25`).
fn looks_like_symbol_line(t: &str) -> bool {
    t.len() <= 60
        && t.contains('/')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars().any(|c| c.is_ascii_digit())
        && !t.chars().any(|c| c.is_whitespace() && c != ' ')
        && t.split_whitespace().count() <= 4
        && t.is_ascii()
}

/// How a language's hard-wrapped text looks (see [`wrap_width`]) and when one of its
/// lines is full. The numbers were set by looking at UN PDF extractions and
/// plain-text exports (`tests/fixtures`, `../shared/data`), not fitted.
#[derive(Debug, Clone)]
pub struct WrapRules {
    /// The widths a wrapped text has (narrower or wider is not hard-wrapped prose).
    pub widths: std::ops::RangeInclusive<usize>,
    /// A full line may run this much past the usual width.
    pub slack: usize,
    /// Fewer text lines than this say nothing about wrapping.
    pub min_lines: usize,
    /// The wrap width is this percentile of the text lines' widths: the full lines
    /// are the widest, a few overlong ones (a table row, a URL) aside.
    pub width_percentile: usize,
    /// A line at least this percent of the wrap width (and at most `slack` past it)
    /// is near it; a wrapped text has at least half of its lines near.
    pub near_percent: usize,
    /// A line at least this percent of the wrap width is full: the text went on on
    /// the next line, so the paragraph does.
    pub full_line_percent: usize,
}

impl WrapRules {
    /// The rules every language shares; a language sets its widths, slack and full
    /// line on top (`..WrapRules::SHARED`).
    pub const SHARED: WrapRules = WrapRules {
        widths: 0..=usize::MAX,
        slack: 0,
        min_lines: 8,
        width_percentile: 90,
        near_percent: 70,
        full_line_percent: 70,
    };

    /// Whether a line `width` characters wide fills at least `percent` of the wrap
    /// width `wrap`.
    pub fn fills(width: usize, wrap: usize, percent: usize) -> bool {
        width * 100 >= wrap * percent
    }

    /// Whether a line `width` characters wide is full in text wrapped at `wrap`.
    pub fn is_full(&self, width: usize, wrap: usize) -> bool {
        Self::fills(width, wrap, self.full_line_percent)
    }
}

/// Width of a full line in a hard-wrapped text, or `None` when lines are paragraphs:
/// the `width_percentile` width (in characters) of the text lines (artefact lines
/// aside), when at least half of them are near it (see [`WrapRules`]) and it is a
/// width wrapped text has. Fewer than `min_lines` lines say nothing.
pub fn wrap_width(lines: &[RawLine<'_>], artifact: &[bool], rules: &WrapRules) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .zip(artifact)
        .filter(|(l, a)| !**a && !l.is_blank())
        .map(|(l, _)| l.text.trim().chars().count())
        .collect();
    if widths.len() < rules.min_lines.max(1) {
        return None;
    }
    widths.sort_unstable();
    let width = widths[(widths.len() * rules.width_percentile.min(99)) / 100];
    // Wrapped text has most lines close to one width; paragraph-per-line text does not.
    let near = widths
        .iter()
        .filter(|&&l| WrapRules::fills(l, width, rules.near_percent) && l <= width + rules.slack)
        .count();
    (rules.widths.contains(&width) && near * 2 >= widths.len()).then_some(width)
}

/// Marks the lines that are page debris. A symbol line counts only from its second
/// occurrence: the first is the document's own symbol in the front matter.
pub fn artifact_lines(lines: &[RawLine<'_>]) -> Vec<bool> {
    let mut seen_symbols = std::collections::HashSet::new();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = line.text.trim();
            if t.is_empty() {
                return false;
            }
            if is_job_number(t) || is_page_of(t) || is_print_code(t) {
                return true;
            }
            if looks_like_symbol_line(t) && !seen_symbols.insert(t.to_string()) {
                return true;
            }
            // A bare page number between blank lines (or at a page edge).
            let bare_number = t.len() <= 3 && t.bytes().all(|c| c.is_ascii_digit());
            let blank_or_edge =
                |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(|l| l.is_blank());
            bare_number && blank_or_edge(i.checked_sub(1)) && blank_or_edge(Some(i + 1))
        })
        .collect()
}

/// What lay between a paragraph's last line and the next text line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    /// One or more blank lines.
    pub blank: bool,
    /// One or more page-debris lines ([`artifact_lines`]): a page break.
    pub artifact: bool,
}

/// A text line met after a paragraph's last line, and what lay between them.
#[derive(Debug, Clone, Copy)]
pub struct NextLine<'a> {
    /// The paragraph's last line.
    pub prev: RawLine<'a>,
    /// The line met.
    pub line: RawLine<'a>,
    pub gap: Gap,
    /// The whole source text, and the line's span in it, white space trimmed.
    pub source: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> NextLine<'a> {
    /// The line's text, white space trimmed.
    pub fn trimmed(&self) -> &'a str {
        &self.source[self.start..self.end]
    }
}

/// How a language rejoins the lines of a paragraph. [`assemble_paragraphs`] walks the
/// lines and asks; a joiner may keep state about the paragraph being built (it is
/// told when one starts).
pub trait LineJoiner {
    /// Whether `next.line` continues `para`.
    fn continues(&mut self, para: &Paragraph, next: &NextLine<'_>) -> bool;

    /// Append the continuing line to `para`, with whatever joins it to the line
    /// before (nothing, by default: Chinese lines rejoin as they are).
    fn join(&mut self, para: &mut Paragraph, next: &NextLine<'_>) {
        para.assembled
            .push_source(next.source, next.start, next.end);
    }

    /// A new paragraph starts with `line`.
    fn start(&mut self, line: &RawLine<'_>) {
        let _ = line;
    }
}

/// The paragraphs of `text`, whose lines are `lines` and whose debris lines are
/// marked in `artifact`: each debris line becomes an artefact paragraph of its own,
/// blank lines vanish, and `joiner` decides which text lines continue the paragraph
/// before them. Paragraphs come in source order.
pub fn assemble_paragraphs(
    text: &str,
    lines: &[RawLine<'_>],
    artifact: &[bool],
    joiner: &mut impl LineJoiner,
) -> Vec<Paragraph> {
    let one_piece = |start: usize, end: usize, artifact: bool| {
        let mut assembled = Assembled::default();
        assembled.push_source(text, start, end);
        Paragraph {
            assembled,
            start,
            end,
            artifact,
        }
    };
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<(Paragraph, RawLine<'_>)> = None;
    let mut gap = Gap::default();
    for (line, &is_artifact) in lines.iter().zip(artifact) {
        let t = line.text;
        let lead = t.len() - t.trim_start().len();
        let (start, end) = (line.start + lead, line.start + t.trim_end().len());
        if is_artifact {
            out.push(one_piece(start, end, true));
            gap.artifact = true;
            continue;
        }
        if line.is_blank() {
            gap.blank = true;
            continue;
        }
        let next = current.as_ref().map(|(_, prev)| NextLine {
            prev: *prev,
            line: *line,
            gap,
            source: text,
            start,
            end,
        });
        match (current.as_mut(), next) {
            (Some((para, prev)), Some(next)) if joiner.continues(para, &next) => {
                joiner.join(para, &next);
                para.end = end;
                *prev = *line;
            }
            _ => {
                if let Some((para, _)) = current.take() {
                    out.push(para);
                }
                joiner.start(line);
                current = Some((one_piece(start, end, false), *line));
            }
        }
        gap = Gap::default();
    }
    if let Some((para, _)) = current {
        out.push(para);
    }
    out.sort_by_key(|p| p.start);
    out
}

/// A cleaned paragraph: text assembled from source pieces, each remembering where it
/// came from, so sentence spans can be mapped back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assembled {
    pub text: String,
    /// `(offset in text, offset in source)` at the start of each copied piece; inserted
    /// joiners (a space for an unwrapped English line) belong to no piece.
    pieces: Vec<(usize, usize, usize)>,
}

impl Assembled {
    /// Append `source[start..end]`.
    pub fn push_source(&mut self, source: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        self.pieces.push((self.text.len(), start, end - start));
        self.text.push_str(&source[start..end]);
    }

    /// Append text that is not in the source (a joining space).
    pub fn push_joiner(&mut self, joiner: &str) {
        self.text.push_str(joiner);
    }

    /// Drop trailing bytes of the assembled text (an end-of-line hyphen).
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while let Some(&(off, src, plen)) = self.pieces.last() {
            if off >= len {
                self.pieces.pop();
            } else {
                let keep = (len - off).min(plen);
                *self.pieces.last_mut().expect("piece") = (off, src, keep);
                break;
            }
        }
    }

    /// Source offset of the byte at `offset` in the assembled text (a joiner maps to
    /// the end of the piece before it).
    pub fn source_offset(&self, offset: usize) -> usize {
        let idx = self.pieces.partition_point(|&(off, _, _)| off <= offset);
        if idx == 0 {
            return self.pieces.first().map_or(0, |p| p.1);
        }
        let (off, src, len) = self.pieces[idx - 1];
        src + (offset - off).min(len)
    }

    /// Source offset just past the byte before `offset` (for span ends).
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_offset(0);
        }
        self.source_offset(offset - 1) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_ends_with_offsets() {
        let text = "a\r\nbb\rc\x0cd\n";
        let lines = raw_lines(text);
        let got: Vec<_> = lines.iter().map(|l| (l.text, l.start)).collect();
        assert_eq!(got, vec![("a", 0), ("bb", 3), ("c", 6), ("d", 8)]);
    }

    #[test]
    fn recognises_page_debris_from_the_report_pair() {
        let text = "more agile programme\n\n23-11234\n1/5\n\nplanning, but that\nGE.23-01234\n3/5 of the cases\n";
        let lines = raw_lines(text);
        let flags = artifact_lines(&lines);
        let flagged: Vec<_> = lines
            .iter()
            .zip(&flags)
            .filter(|(_, f)| **f)
            .map(|(l, _)| l.text)
            .collect();
        assert_eq!(flagged, vec!["23-11234", "1/5", "GE.23-01234"]);
    }

    #[test]
    fn symbol_header_counts_from_second_occurrence() {
        let text = "E/AC.51/2023/L.4/Add.25\nbody\n\nE/AC.51/2023/L.4/Add.25\n";
        let lines = raw_lines(text);
        assert_eq!(artifact_lines(&lines), vec![false, false, false, true]);
    }

    #[test]
    fn fractions_and_years_are_not_debris() {
        let lines = raw_lines("5/3\n2023\n77/278\n");
        // 5/3 is not "page x of y"; 2023 is four digits; 77/278 is a resolution.
        assert_eq!(artifact_lines(&lines), vec![false, false, false]);
    }

    #[test]
    fn maps_assembled_offsets_back_to_source() {
        let src = "imple-\nment it";
        let mut a = Assembled::default();
        a.push_source(src, 0, 6);
        a.truncate(5);
        a.push_source(src, 7, 14);
        assert_eq!(a.text, "implement it");
        assert_eq!(a.source_offset(0), 0);
        assert_eq!(a.source_offset(5), 7);
        assert_eq!(a.source_end(a.text.len()), 14);
    }
}
