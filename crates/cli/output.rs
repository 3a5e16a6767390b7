//! Writing outputs atomically: a temporary file in the target directory, renamed over
//! the target only when everything was written. Standard output when no path is given.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where output goes.
#[derive(Debug, Clone)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn from_arg(path: Option<&Path>) -> Self {
        match path {
            None => Target::Stdout,
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p.to_path_buf()),
        }
    }

    /// Check before any work that the file can be created.
    pub fn check_writable(&self, inputs: &[&str]) -> Result<()> {
        let Target::File(path) = self else {
            return Ok(());
        };
        for input in inputs {
            if *input != "-" && same_file(Path::new(input), path) {
                anyhow::bail!(
                    "{}: the output would overwrite an input file",
                    path.display()
                );
            }
        }
        let dir = parent_dir(path);
        if !dir.is_dir() {
            anyhow::bail!(
                "{}: cannot write: directory {} does not exist",
                path.display(),
                dir.display()
            );
        }
        tempfile::NamedTempFile::new_in(&dir)
            .map(drop)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
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

/// Run `write` against the target; a file appears only if `write` succeeds.
pub fn write_atomically<F>(target: &Target, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    match target {
        Target::Stdout => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush().context("cannot write to standard output")?;
            Ok(())
        }
        Target::File(path) => {
            let dir = parent_dir(path);
            let tmp = tempfile::NamedTempFile::new_in(&dir).with_context(|| {
                format!(
                    "{}: cannot create a temporary file in {}",
                    path.display(),
                    dir.display()
                )
            })?;
            let mut buf = std::io::BufWriter::new(tmp);
            write(&mut buf)?;
            let tmp = buf
                .into_inner()
                .map_err(|e| anyhow::anyhow!("{}: write failed: {}", path.display(), e.error()))?;
            tmp.as_file()
                .sync_all()
                .with_context(|| format!("{}: write failed", path.display()))?;
            tmp.persist(path).map_err(|e| {
                anyhow::anyhow!("{}: cannot replace the file: {}", path.display(), e.error)
            })?;
            Ok(())
        }
    }
}

/// Two files that belong together (PREFIX.en, PREFIX.zh): both appear only if
/// `write` succeeds for both.
pub fn write_pair_atomically<F>(first: &Target, second: &Target, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write, &mut dyn Write) -> Result<()>,
{
    let (Target::File(p1), Target::File(p2)) = (first, second) else {
        anyhow::bail!("line-aligned output needs files, not standard output");
    };
    let temp = |p: &Path| {
        tempfile::NamedTempFile::new_in(parent_dir(p))
            .with_context(|| format!("{}: cannot create a temporary file", p.display()))
    };
    let mut b1 = std::io::BufWriter::new(temp(p1)?);
    let mut b2 = std::io::BufWriter::new(temp(p2)?);
    write(&mut b1, &mut b2)?;
    let finish = |b: std::io::BufWriter<tempfile::NamedTempFile>,
                  p: &Path|
     -> Result<tempfile::NamedTempFile> {
        let t = b
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}: write failed: {}", p.display(), e.error()))?;
        t.as_file()
            .sync_all()
            .with_context(|| format!("{}: write failed", p.display()))?;
        Ok(t)
    };
    let (t1, t2) = (finish(b1, p1)?, finish(b2, p2)?);
    t1.persist(p1)
        .map_err(|e| anyhow::anyhow!("{}: cannot replace the file: {}", p1.display(), e.error))?;
    t2.persist(p2)
        .map_err(|e| anyhow::anyhow!("{}: cannot replace the file: {}", p2.display(), e.error))?;
    Ok(())
}

/// True when an error chain ends in a broken pipe (`bitext … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.to_string().contains("Broken pipe")
    })
}
