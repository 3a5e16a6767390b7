//! Reading inputs: any common encoding, refused with a clear message when they cannot
//! be text.
//!
//! ```
//! use bitext_pipeline::input::{decode_input, ReadOptions};
//!
//! let (gb, _, _) = encoding_rs::GB18030.encode("委员会审议了方案");
//! let input = decode_input("report.zh.txt", &gb, &ReadOptions::default()).unwrap();
//! assert_eq!(input.text, "委员会审议了方案");
//! ```

use crate::error::{io_reason, Error, Result};
use std::path::Path;

/// A decoded input and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
    /// The input started with a byte-order mark (removed from `text`).
    pub had_bom: bool,
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
}

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
    let self_describing =
        encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok();
    let text = match options.encoding {
        Some(enc) if !self_describing => decode_as(bytes, enc),
        _ => decode(bytes),
    }
    .map_err(|message| Error::Decode {
        name: name.to_string(),
        message,
    })?;
    if text.trim().is_empty() && !options.allow_empty {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok(Input {
        name: name.to_string(),
        text,
        had_bom: encoding_rs::Encoding::for_bom(bytes).is_some(),
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

/// UTF-8 (BOM stripped), UTF-16 with a BOM, or GB18030 when the bytes are not UTF-8
/// but decode cleanly as GB18030 into mostly Chinese text (older Chinese tools).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} text", encoding.name()));
        }
        return Ok(text.into_owned());
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at offset {pos}); expected plain text (UTF-8, UTF-16 with BOM or GB18030)"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(utf8_err) => {
            // GB18030 decodes almost any byte soup: accept it only when the result
            // reads as Chinese.
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            let han = bitext_core::ScriptCounts::of(&text);
            if !had_errors && han.han > 0 && han.han_share() >= 0.3 {
                Ok(text.into_owned())
            } else {
                Err(format!(
                    "not valid UTF-8 (invalid byte at offset {}) and not GB18030 Chinese either; name the encoding with --encoding",
                    utf8_err.valid_up_to()
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_common_encodings() {
        assert_eq!(decode("\u{feff}委员会".as_bytes()).unwrap(), "委员会");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("委a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "委a");
        let (gb, _, _) = encoding_rs::GB18030.encode("委员会审议了方案");
        assert_eq!(decode(&gb).unwrap(), "委员会审议了方案");
        assert!(decode(b"a\0b").unwrap_err().contains("offset 1"));
        assert!(decode(b"caf\xe9 au lait \xff\xfe\xfd")
            .unwrap_err()
            .contains("offset 3"));
        let (big5, _, _) = encoding_rs::BIG5.encode("委員會");
        assert_eq!(decode_as(&big5, encoding_rs::BIG5).unwrap(), "委員會");
        assert!(decode_as(b"ab\xff", encoding_rs::UTF_8)
            .unwrap_err()
            .contains("offset 2"));
    }
}
