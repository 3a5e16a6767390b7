//! Decoding and dispatch: a file or bytes to an [`Input`] by its content.

use crate::error::{io_reason, Error, Result};
use std::path::Path;

/// A decoded input and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
    /// The input started with a byte-order mark (removed from `text`).
    pub had_bom: bool,
    /// The encoding the input was read as.
    pub encoding: &'static encoding_rs::Encoding,
    /// The encoding was guessed (no BOM, not UTF-8, none named): worth telling the user.
    pub detected: bool,
    /// For a document with its own paragraph structure (Word): the byte span of each
    /// paragraph in `text`. Plain text has `None`: its layout is recovered by the
    /// segmenters (hard wraps, page breaks).
    pub paragraphs: Option<Vec<std::ops::Range<usize>>>,
    /// Lines outside the running text: a Word document's page headers and footers, a
    /// PDF's running headers and footers (where the symbol is).
    pub furniture: Vec<String>,
    /// For a Word document: whether each paragraph is a heading by its style.
    pub headings: Vec<bool>,
}

impl Input {
    /// What to tell the user when the encoding was guessed (`None` when it was not):
    /// `NAME: read as ENCODING (detected; …)`, the options that name an encoding in
    /// backticks (see `bitext_pipeline::OptionNames`).
    pub fn detected_note(&self) -> Option<String> {
        self.detected.then(|| {
            format!(
                "{}: read as {} (detected; if that is wrong, name the encoding with `zh_encoding`/`en_encoding`)",
                self.name,
                self.encoding.name()
            )
        })
    }

    /// The document symbol and date: from the page headers, else the front matter.
    pub fn metadata(&self) -> crate::metadata::DocumentMetadata {
        crate::metadata::DocumentMetadata::of_document(&self.furniture, &self.text)
    }
}

/// How inputs are decoded.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Decodes an input that is neither UTF-8 nor marked by a BOM, instead of the
    /// GB18030 guess (from a WHATWG label such as `gbk`, `big5`, `utf-16le`: see
    /// [`encoding_for`]).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// An empty (or white-space only) input is valid instead of an error.
    pub allow_empty: bool,
    /// A text that looks like a corpus (TMX, XLIFF, TSV, JSONL) is read as it is
    /// instead of refused: for inputs that are tables themselves (alignment links,
    /// references to score). A document reader refuses them, because aligning a
    /// corpus as if it were a report gives a corpus of nonsense that looks "ok".
    pub allow_corpus: bool,
    /// The most a packaged document (.docx) may expand to, in MB (`None`:
    /// [`DEFAULT_MAX_EXPANDED_MB`]).
    pub max_expanded_mb: Option<u64>,
}

/// How far a packaged document may expand by default, in MB: UN reports of hundreds
/// of pages stay well under it (their `document.xml` is a few MB to tens of MB),
/// and reading this much takes about a gigabyte of memory at most.
pub const DEFAULT_MAX_EXPANDED_MB: u64 = 64;

/// What a text is when it is a corpus or other table rather than a document: the
/// reason to refuse it, or `None` for prose. Tables are recognised by their shape
/// (an XML root, a tab or a JSON object on nearly every line), never by file name.
pub fn corpus_shape(text: &str) -> Option<&'static str> {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(4096)
        .collect();
    if head.starts_with('<') {
        if head.contains("<tmx") {
            return Some("looks like a TMX corpus");
        }
        if head.contains("<xliff") {
            return Some("looks like an XLIFF file");
        }
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(CORPUS_SHAPE_LINES)
        .collect();
    if lines.len() < 2 {
        return None;
    }
    let share = |f: &dyn Fn(&str) -> bool| {
        lines.iter().filter(|l| f(l)).count() as f64 / lines.len() as f64
    };
    if share(&|l| l.contains('\t')) >= CORPUS_SHAPE_SHARE {
        return Some("looks like a TSV corpus (tab-separated columns on nearly every line)");
    }
    if share(&|l| l.starts_with('{') && l.ends_with('}')) >= CORPUS_SHAPE_SHARE {
        return Some("looks like a JSONL corpus (a JSON object on nearly every line)");
    }
    None
}

/// How many non-empty lines [`corpus_shape`] looks at.
const CORPUS_SHAPE_LINES: usize = 200;
/// The share of those lines with a table's shape that makes a text a table: a
/// report's tables have tabs on some lines, a TSV corpus on all of them.
const CORPUS_SHAPE_SHARE: f64 = 0.9;

/// Read and decode the file at `path`.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Input> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Error::Read {
            name,
            reason: "is a directory, expected a text file".into(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        name: name.clone(),
        reason: format!("cannot read: {}", io_reason(&e)),
    })?;
    decode_input(&name, &bytes, options)
}

/// Decode the bytes of an input called `name` (a BOM or valid UTF-8 speaks for
/// itself; the named encoding is for the rest).
pub fn decode_input(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Input> {
    // .doc, .odt, .rtf: through LibreOffice to .docx, or refused saying what to install.
    if let Some(format) = crate::office::office_format(name, bytes)? {
        let docx = crate::office::convert_to_docx(name, bytes, format)?;
        return word_input(name, &docx, options);
    }
    // A zip package is read as a Word document, or refused saying what it is (a
    // damaged package, an .odt or .xlsx).
    if bytes.starts_with(b"PK\x03\x04") {
        return word_input(name, bytes, options);
    }
    if bytes.starts_with(b"PK\x05\x06") {
        return Err(Error::Read {
            name: name.to_string(),
            reason: "an empty zip archive (no files in it), not a Word document or text".into(),
        });
    }
    if bytes.starts_with(b"%PDF-") {
        return pdf_input(name, bytes, options);
    }
    let self_describing =
        encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok();
    let (text, encoding) = match options.encoding {
        Some(enc) if !self_describing => decode_as(bytes, enc).map(|t| (t, enc)),
        _ => decode_detect(bytes),
    }
    .map_err(|message| Error::Decode {
        name: name.to_string(),
        message,
    })?;
    let had_bom = encoding_rs::Encoding::for_bom(bytes).is_some();
    let detected = !had_bom && options.encoding.is_none() && encoding != encoding_rs::UTF_8;
    if text.trim().is_empty() && !options.allow_empty {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    if !options.allow_corpus {
        if let Some(shape) = corpus_shape(&text) {
            return Err(Error::Read {
                name: name.to_string(),
                reason: format!(
                    "{shape}, not a document; corpora are read by bitext convert, check and review"
                ),
            });
        }
    }
    Ok(Input {
        name: name.to_string(),
        text,
        had_bom,
        encoding,
        detected,
        paragraphs: None,
        furniture: Vec::new(),
        headings: Vec::new(),
    })
}

/// A Word document: its paragraphs, one per line, with their spans.
fn word_input(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Input> {
    let limit = options.max_expanded_mb.unwrap_or(DEFAULT_MAX_EXPANDED_MB);
    let doc = crate::docx::read_limited(name, bytes, limit.saturating_mul(1 << 20))?;
    let mut text = String::new();
    let mut spans = Vec::with_capacity(doc.paragraphs.len());
    for p in &doc.paragraphs {
        let start = text.len();
        text.push_str(p);
        spans.push(start..text.len());
        text.push('\n');
    }
    document_input(
        name,
        text,
        Some(spans),
        doc.furniture,
        doc.headings,
        options,
    )
}

/// A PDF document: its text layer, laid out as plain text for the segmenters' layout
/// cleaning (running headers and footers and footnotes already set apart).
fn pdf_input(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Input> {
    let pdf = crate::pdf::read(name, bytes)?;
    document_input(name, pdf.text, None, pdf.furniture, Vec::new(), options)
}

/// A document read from a format of its own (Word, PDF): its text is UTF-8 already;
/// empty text is refused unless the options allow it.
fn document_input(
    name: &str,
    text: String,
    paragraphs: Option<Vec<std::ops::Range<usize>>>,
    furniture: Vec<String>,
    headings: Vec<bool>,
    options: &ReadOptions,
) -> Result<Input> {
    if text.trim().is_empty() && !options.allow_empty {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok(Input {
        name: name.to_string(),
        text,
        had_bom: false,
        encoding: encoding_rs::UTF_8,
        detected: false,
        paragraphs,
        furniture,
        headings,
    })
}

/// Look up an encoding label for `--encoding`.
pub fn encoding_for(label: &str) -> Result<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        Error::Option(format!(
            "unknown encoding {label:?} (try utf-8, utf-16le, utf-16be, gb18030, gbk, big5)"
        ))
    })
}

/// Decode with a named encoding; the first malformed sequence is an error with its offset.
pub fn decode_as(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<String, String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[consumed..], &mut out, true);
        consumed += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() - consumed + 16),
            encoding_rs::DecoderResult::Malformed(len, _) => {
                return Err(format!(
                    "not valid {} (malformed byte sequence at offset {})",
                    encoding.name(),
                    consumed - len as usize
                ))
            }
        }
    }
}

/// What a file that is not text is, from its first bytes: a message saying so.
fn not_text(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 5] = [
        (b"PK\x03\x04", "a ZIP package (a Word .docx, an .odt?), not text"),
        (b"%PDF-", "a PDF file, not text"),
        (b"\xD0\xCF\x11\xE0", "an old Office file (.doc) or a password-protected Word document; convert it to .docx (soffice --headless --convert-to docx FILE) or save an unprotected copy"),
        (b"{\\rtf", "an RTF file; convert it to .docx (soffice --headless --convert-to docx FILE) or save it as text"),
        (b"\x1F\x8B", "gzip-compressed; decompress it first"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// UTF-16 without a BOM: zero bytes almost only in the high half of code units (ASCII
/// characters: digits, spaces, line breaks; a CJK character has a zero low byte once
/// in 256), and the whole decodes cleanly to text without control characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static encoding_rs::Encoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let units = bytes.len() / 2;
    let skewed = |high: usize, low: usize| high * 20 >= units && low * 8 <= high;
    let encoding = if skewed(odd, even) {
        encoding_rs::UTF_16LE
    } else if skewed(even, odd) {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    (!had_errors && control == 0).then(|| (text.into_owned(), encoding))
}

/// Non-ASCII bytes below which a CJK guess between GBK and Big5 is not trusted when
/// both decode cleanly: too few characters to tell the two apart by their frequencies.
const MIN_NON_ASCII_TO_TELL_CJK_APART: usize = 40;

/// UTF-8 (BOM stripped), UTF-16 with a BOM or without one, or a legacy encoding
/// detected by `chardetng` (GB18030/GBK, Big5, windows-1252 …). Refuses binary files,
/// documents that are not text (PDF, Word), and guesses it cannot trust. Returns the
/// text and the encoding it was read as.
pub fn decode_detect(bytes: &[u8]) -> Result<(String, &'static encoding_rs::Encoding), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} text", encoding.name()));
        }
        return Ok((text.into_owned(), encoding));
    }
    if let Some(what) = not_text(bytes) {
        return Err(format!("is {what}"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.contains('\0') {
            return Ok((s.to_string(), encoding_rs::UTF_8));
        }
    }
    if let Some(decoded) = utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at offset {pos}); expected plain text (UTF-8, UTF-16, GB18030, Big5)"
        ));
    }
    let invalid_utf8_at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "not valid UTF-8 (invalid byte at offset {invalid_utf8_at}), and not {} either; name the encoding (`zh_encoding`, e.g. big5)",
            guess.name()
        ));
    }
    let cjk = [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5];
    if cjk.contains(&guess) {
        let han = bitext_core::ScriptCounts::of(&text);
        if han.han == 0 || han.han_share() < 0.3 {
            return Err(format!(
                "not valid UTF-8 (invalid byte at offset {invalid_utf8_at}); as {} it does not read as Chinese; name the encoding (`en_encoding`, e.g. windows-1252)",
                guess.name()
            ));
        }
        let other = if guess == encoding_rs::BIG5 {
            encoding_rs::GBK
        } else {
            encoding_rs::BIG5
        };
        let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
        if non_ascii < MIN_NON_ASCII_TO_TELL_CJK_APART
            && !other.decode_without_bom_handling(bytes).1
        {
            return Err(format!(
                "not UTF-8, and too short to tell {} from {}; name the encoding (`zh_encoding`: gbk or big5)",
                guess.name(),
                other.name()
            ));
        }
    }
    Ok((text.into_owned(), guess))
}

/// [`decode_detect`] without the encoding.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decode_detect(bytes).map(|(text, _)| text)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_report_with_a_table_is_prose_and_a_tsv_is_a_corpus() {
        let report =
            "1. The Committee met.\nTable 1\nYear\tAmount\n2022\t5\n2. It adjourned.\n3. Done.\n";
        assert_eq!(corpus_shape(report), None);
        assert!(corpus_shape("en\tzh\nA.\t甲。\nB.\t乙。\n").is_some());
        assert!(corpus_shape("\u{feff}<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">").is_some());
        assert!(corpus_shape("{\"en\":\"A\"}\n{\"en\":\"B\"}\n").is_some());
        assert_eq!(corpus_shape("only\tone line"), None);
    }

    use super::*;

    #[test]
    fn decodes_common_encodings() {
        assert_eq!(decode("\u{feff}委员会".as_bytes()).unwrap(), "委员会");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("委a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "委a");
        let (gb, _, _) = encoding_rs::GB18030.encode(REPORT);
        assert_eq!(decode(&gb).unwrap(), REPORT);
        assert!(decode(b"a\0b").unwrap_err().contains("offset 1"));
        // Latin text in a legacy Western encoding is detected as such.
        let (text, enc) = decode_detect(b"caf\xe9 au lait, na\xefve r\xe9sum\xe9").unwrap();
        assert_eq!(
            (text.as_str(), enc),
            ("café au lait, naïve résumé", encoding_rs::WINDOWS_1252)
        );
        let (big5, _, _) = encoding_rs::BIG5.encode("委員會");
        assert_eq!(decode_as(&big5, encoding_rs::BIG5).unwrap(), "委員會");
        assert!(decode_as(b"ab\xff", encoding_rs::UTF_8)
            .unwrap_err()
            .contains("offset 2"));
    }

    const REPORT: &str = "委员会审议了秘书长关于方案预算的报告，建议大会核准该方案的说明，并请秘书处在下一期报告中说明执行情况。";

    #[test]
    fn tells_big5_from_gb18030() {
        let traditional = "委員會審議了秘書長關於方案預算的報告，建議大會核准該方案的說明，並請秘書處在下一期報告中說明執行情況。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let (text, enc) = decode_detect(&big5).unwrap();
        assert_eq!((text.as_str(), enc), (traditional, encoding_rs::BIG5));
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        let (text, enc) = decode_detect(&gbk).unwrap();
        assert_eq!(text, REPORT);
        assert!(enc == encoding_rs::GBK || enc == encoding_rs::GB18030);
        // Too short to tell apart: refused, with the way out.
        let (short, _, _) = encoding_rs::BIG5.encode("委員會");
        let err = decode_detect(&short).unwrap_err();
        assert!(err.contains("`zh_encoding`"), "{err}");
    }

    #[test]
    fn reads_utf16_without_bom_and_refuses_documents_that_are_not_text() {
        let text = format!("1. {REPORT}\n2. The Committee met.\n");
        for (bytes, enc) in [
            (
                text.encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect::<Vec<u8>>(),
                encoding_rs::UTF_16LE,
            ),
            (
                text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
                encoding_rs::UTF_16BE,
            ),
        ] {
            let (decoded, found) = decode_detect(&bytes).unwrap();
            assert_eq!((decoded.as_str(), found), (text.as_str(), enc));
        }
        assert!(decode(b"%PDF-1.7\n%\xe2\xe3").unwrap_err().contains("PDF"));
        assert!(decode(b"PK\x03\x04\x14\x00").unwrap_err().contains("docx"));
        assert!(decode(b"\x01\x00\x02\x00\x00\x03binary")
            .unwrap_err()
            .contains("binary"));
    }
}
