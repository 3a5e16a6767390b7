//! Older and other word-processor formats (`.doc`, `.odt`, `.rtf`): converted to
//! `.docx` by LibreOffice when it is installed (`soffice --headless --convert-to docx`,
//! in a private profile so no running LibreOffice of the user's is touched), then read
//! as Word. Without LibreOffice they are refused with one line saying what to install.
//!
//! `BITEXT_SOFFICE` names the program to use instead of `soffice`/`libreoffice` on
//! the `PATH`.

use crate::error::{Error, Result};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A document format LibreOffice converts for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFormat {
    /// Word 97–2003 (`.doc`, an OLE compound file).
    Doc,
    /// OpenDocument text (`.odt`).
    Odt,
    /// Rich Text Format (`.rtf`).
    Rtf,
}

impl OfficeFormat {
    fn extension(self) -> &'static str {
        match self {
            OfficeFormat::Doc => "doc",
            OfficeFormat::Odt => "odt",
            OfficeFormat::Rtf => "rtf",
        }
    }
    fn what(self) -> &'static str {
        match self {
            OfficeFormat::Doc => "an old Word document (.doc)",
            OfficeFormat::Odt => "an OpenDocument text (.odt)",
            OfficeFormat::Rtf => "an RTF document",
        }
    }
}

/// What an input is, from its first bytes, when LibreOffice is needed to read it; a
/// password-protected Office file is an error of its own (no converter opens it).
pub fn office_format(name: &str, bytes: &[u8]) -> Result<Option<OfficeFormat>> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An encrypted .docx/.xlsx is an OLE file holding an `EncryptionInfo` stream
        // (its directory names are UTF-16).
        let marker: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(Error::invalid(
                name,
                "the Word document is password-protected; save an unprotected copy first",
            ));
        }
        return Ok(Some(OfficeFormat::Doc));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Some(OfficeFormat::Rtf));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let odt = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .ok()
            .and_then(|mut z| {
                let mut mime = String::new();
                std::io::Read::read_to_string(&mut z.by_name("mimetype").ok()?, &mut mime).ok()?;
                Some(mime.trim() == "application/vnd.oasis.opendocument.text")
            })
            .unwrap_or(false);
        if odt {
            return Ok(Some(OfficeFormat::Odt));
        }
    }
    Ok(None)
}

/// The LibreOffice program: `BITEXT_SOFFICE`, else `soffice` or `libreoffice` on the
/// `PATH`.
pub fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BITEXT_SOFFICE") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// How long one conversion may take before it is given up.
pub const CONVERSION_TIMEOUT: Duration = Duration::from_secs(300);

/// Convert `bytes` (a document in `format`, reported as `name`) to `.docx` bytes.
pub fn convert_to_docx(name: &str, bytes: &[u8], format: OfficeFormat) -> Result<Vec<u8>> {
    let fail = |reason: String| Error::Read {
        name: name.to_string(),
        reason,
    };
    let Some(program) = soffice() else {
        return Err(fail(format!(
            "is {}; bitext reads it through LibreOffice, which is not installed (apt-get install libreoffice-writer-nogui), or save it as .docx",
            format.what()
        )));
    };
    let dir = tempfile::tempdir().map_err(|e| fail(format!("cannot convert it: {e}")))?;
    let input = dir.path().join(format!("input.{}", format.extension()));
    std::fs::write(&input, bytes).map_err(|e| fail(format!("cannot convert it: {e}")))?;
    let out = dir.path().join("out");
    let profile = dir.path().join("profile");
    let mut child = std::process::Command::new(&program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&input)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| fail(format!("cannot start {}: {e}", program.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > CONVERSION_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "LibreOffice did not convert it within {} s",
                    CONVERSION_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(fail(format!("cannot convert it: {e}"))),
        }
    };
    std::fs::read(out.join("input.docx")).map_err(|_| {
        fail(format!(
            "LibreOffice could not convert {} to .docx ({status}); is it damaged or password-protected?",
            format.what()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(
            office_format("a", b"{\\rtf1\\ansi").unwrap(),
            Some(OfficeFormat::Rtf)
        );
        assert_eq!(
            office_format("a", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0").unwrap(),
            Some(OfficeFormat::Doc)
        );
        let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        encrypted.extend(
            "EncryptionInfo"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let e = office_format("secret.docx", &encrypted).unwrap_err();
        assert!(e
            .to_string()
            .contains("secret.docx: the Word document is password-protected"));
        assert_eq!(office_format("a", b"plain text").unwrap(), None);
    }
}
