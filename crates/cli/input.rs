//! Reading inputs: files or stdin, any common encoding, refused with a clear message
//! when they cannot be text.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::Path;

/// A decoded input and the name it is reported under.
#[derive(Debug)]
pub struct Input {
    pub name: String,
    pub text: String,
}

pub fn read(path: &str) -> Result<Input> {
    let (name, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        ("<stdin>".to_string(), buf)
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            bail!("{path}: is a directory, expected a text file");
        }
        let bytes = std::fs::read(p)
            .map_err(|e| anyhow::anyhow!("{path}: cannot read: {}", io_reason(&e)))?;
        (path.to_string(), bytes)
    };
    let text = decode(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if text.trim().is_empty() {
        bail!("{name}: the file is empty (or only white space); nothing to align");
    }
    Ok(Input { name, text })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// UTF-8 (BOM stripped), UTF-16 with a BOM, or GB18030 when the bytes are not UTF-8
/// but decode cleanly as GB18030 (older Chinese tools).
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
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                Err(format!(
                    "not valid UTF-8 (invalid byte at offset {}) and not GB18030 either",
                    utf8_err.valid_up_to()
                ))
            } else {
                Ok(text.into_owned())
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
    }
}
