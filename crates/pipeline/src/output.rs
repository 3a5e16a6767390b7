//! Writing outputs atomically: a temporary file in the target directory, renamed over
//! the target only when everything was written (a failed or killed run leaves the
//! previous file). Standard output when no path is given.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

fn write_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

impl Target {
    /// No path or `-`: standard output.
    pub fn from_arg(path: Option<&Path>) -> Self {
        match path {
            None => Target::Stdout,
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p.to_path_buf()),
        }
    }

    /// Check before any work that the file can be created and would overwrite none
    /// of `inputs` (`-` stands for standard input and is skipped).
    pub fn check_writable(&self, inputs: &[&str]) -> Result<()> {
        let Target::File(path) = self else {
            return Ok(());
        };
        for input in inputs {
            if *input != "-" && same_file(Path::new(input), path) {
                return Err(write_error(
                    path,
                    "the output would overwrite an input file",
                ));
            }
        }
        let dir = parent_dir(path);
        if !dir.is_dir() {
            return Err(write_error(
                path,
                format!("cannot write: directory {} does not exist", dir.display()),
            ));
        }
        tempfile::NamedTempFile::new_in(&dir)
            .map(drop)
            .map_err(|e| write_error(path, format!("cannot write: {e}")))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_in_dir_of(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = parent_dir(path);
    tempfile::NamedTempFile::new_in(&dir).map_err(|e| {
        write_error(
            path,
            format!("cannot create a temporary file in {}: {e}", dir.display()),
        )
    })
}

/// Flush and sync a finished temporary file.
fn finish(
    buf: std::io::BufWriter<tempfile::NamedTempFile>,
    path: &Path,
) -> Result<tempfile::NamedTempFile> {
    let tmp = buf
        .into_inner()
        .map_err(|e| write_error(path, format!("write failed: {}", e.error())))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| write_error(path, format!("write failed: {e}")))?;
    Ok(tmp)
}

fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.persist(path)
        .map(drop)
        .map_err(|e| write_error(path, format!("cannot replace the file: {}", e.error)))
}

/// Run `write` against the target; a file appears only if `write` succeeds.
pub fn write_atomically<E, F>(target: &Target, write: F) -> Result<(), E>
where
    E: From<Error>,
    F: FnOnce(&mut dyn Write) -> Result<(), E>,
{
    match target {
        Target::Stdout => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush().map_err(Error::Io)?;
            Ok(())
        }
        Target::File(path) => {
            let mut buf = std::io::BufWriter::new(temp_in_dir_of(path)?);
            write(&mut buf)?;
            persist(finish(buf, path)?, path)?;
            Ok(())
        }
    }
}

/// Two files that belong together (PREFIX.en, PREFIX.zh): both appear only if
/// `write` succeeds for both.
pub fn write_pair_atomically<E, F>(first: &Target, second: &Target, write: F) -> Result<(), E>
where
    E: From<Error>,
    F: FnOnce(&mut dyn Write, &mut dyn Write) -> Result<(), E>,
{
    let (Target::File(p1), Target::File(p2)) = (first, second) else {
        return Err(
            Error::Option("line-aligned output needs files, not standard output".into()).into(),
        );
    };
    let mut b1 = std::io::BufWriter::new(temp_in_dir_of(p1)?);
    let mut b2 = std::io::BufWriter::new(temp_in_dir_of(p2)?);
    write(&mut b1, &mut b2)?;
    let (t1, t2) = (finish(b1, p1)?, finish(b2, p2)?);
    persist(t1, p1)?;
    persist(t2, p2)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tsv");
        std::fs::write(&path, "old").unwrap();
        let target = Target::File(path.clone());
        let failed: Result<()> = write_atomically(&target, |out| {
            out.write_all(b"partial")?;
            Err(Error::Option("stop".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        write_atomically::<Error, _>(&target, |out| Ok(out.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.txt");
        std::fs::write(&path, "x").unwrap();
        let err = Target::File(path.clone())
            .check_writable(&[path.to_str().unwrap()])
            .unwrap_err();
        assert!(err.to_string().contains("would overwrite an input"));
    }
}
