//! Writing outputs safely, for every command: a temporary file in the target's
//! directory, synced and renamed over the target only when everything was written, so
//! a failed or killed run leaves the previous file.
//!
//! What it will not do: write anything but a regular file (no device, directory, pipe
//! or socket is ever replaced), overwrite one of the run's inputs (compared by file
//! identity, not by name), or replace a read-only file unless told to
//! ([`WritePolicy::replace_read_only`]). A symlink is followed: the file it points to
//! is replaced and the link stays. A replaced file keeps its permissions; a new one
//! gets the usual `0666` less the umask. Temporary files are registered so that a
//! signal handler can remove them ([`remove_temp_files`]).

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// What a writer may replace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WritePolicy {
    /// Replace a file that is read-only (`--force`).
    pub replace_read_only: bool,
}

fn write_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Temporary files not yet renamed into place.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(path: &Path) {
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.push(path.to_path_buf());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.retain(|p| p != path);
    }
}

/// Remove every temporary file still being written: for a signal handler, so that an
/// interrupted run leaves either the old file or the complete new one, never a temp.
pub fn remove_temp_files() {
    if let Ok(live) = LIVE_TEMPS.lock() {
        for path in live.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Same file: the same device and inode (hard links and other names included).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The path the output really goes to: a symlink's final target (the link stays).
fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = if next.is_absolute() {
                    next
                } else {
                    parent_dir(&current).join(next)
                }
            }
            Err(_) => return current,
        }
    }
    current
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

    /// [`Target::check_with`] under the default policy (read-only files refused).
    pub fn check_writable(&self, inputs: &[&str]) -> Result<()> {
        self.check_with(inputs, &WritePolicy::default())
    }

    /// Check before any work that the output can be written: a regular file (or a new
    /// one) in an existing, writable directory, none of `inputs` (`-`, standard input,
    /// is skipped), and not read-only unless the policy allows it.
    pub fn check_with(&self, inputs: &[&str], policy: &WritePolicy) -> Result<()> {
        let Target::File(path) = self else {
            return Ok(());
        };
        let real = resolve(path);
        for input in inputs {
            if *input != "-" && same_file(Path::new(input), &real) {
                return Err(write_error(
                    path,
                    "the output would overwrite an input file",
                ));
            }
        }
        if let Ok(meta) = std::fs::metadata(&real) {
            check_regular(path, &meta)?;
            if meta.permissions().readonly() && !policy.replace_read_only {
                return Err(write_error(
                    path,
                    "the file is read-only; bitext does not replace it (`force` replaces it anyway)",
                ));
            }
        }
        let dir = parent_dir(&real);
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

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file (a device, pipe or socket)"
    };
    Err(write_error(
        path,
        format!(
            "is {what}; bitext writes only regular files (name a file, or - for standard output)"
        ),
    ))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file being written for one target.
struct Pending {
    target: PathBuf,
    temp_path: PathBuf,
    /// `None` once finished.
    writer: Option<std::io::BufWriter<tempfile::NamedTempFile>>,
}

impl Pending {
    fn new(path: &Path) -> Result<Self> {
        let target = resolve(path);
        let existing = std::fs::metadata(&target).ok();
        if let Some(meta) = &existing {
            check_regular(path, meta)?;
        }
        let dir = parent_dir(&target);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".bitext-").suffix(".tmp");
        // A new file gets 0666 less the umask, as any program's; a replaced file keeps
        // its mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(&dir).map_err(|e| {
            write_error(
                path,
                format!("cannot create a temporary file in {}: {e}", dir.display()),
            )
        })?;
        register(tmp.path());
        if let Some(meta) = existing {
            let _ = tmp.as_file().set_permissions(meta.permissions());
        }
        Ok(Pending {
            target,
            temp_path: tmp.path().to_path_buf(),
            writer: Some(std::io::BufWriter::new(tmp)),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        self.writer.as_mut().expect("not finished")
    }

    /// Flush and sync the temporary file.
    fn finish(mut self, path: &Path) -> Result<(PathBuf, tempfile::NamedTempFile)> {
        let writer = self.writer.take().expect("finished once");
        let synced = writer
            .into_inner()
            .map_err(|e| e.error().to_string())
            .and_then(|tmp| match tmp.as_file().sync_all() {
                Ok(()) => Ok(tmp),
                Err(e) => Err(e.to_string()),
            });
        match synced {
            Ok(tmp) => Ok((std::mem::take(&mut self.target), tmp)),
            Err(e) => {
                unregister(&self.temp_path);
                Err(write_error(path, format!("write failed: {e}")))
            }
        }
    }
}

impl Drop for Pending {
    /// A temporary file that was not renamed into place is gone (dropping the
    /// `NamedTempFile` removed it, or `persist` is about to take it over).
    fn drop(&mut self) {
        if self.writer.is_some() {
            unregister(&self.temp_path);
        }
    }
}

/// Rename into place, then sync the directory so the rename itself is durable.
fn persist(path: &Path, target: &Path, tmp: tempfile::NamedTempFile) -> Result<()> {
    let tmp_path = tmp.path().to_path_buf();
    let result = tmp
        .persist(target)
        .map(drop)
        .map_err(|e| write_error(path, format!("cannot replace the file: {}", e.error)));
    unregister(&tmp_path);
    result?;
    if let Ok(dir) = std::fs::File::open(parent_dir(target)) {
        let _ = dir.sync_all();
    }
    Ok(())
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
            let mut pending = Pending::new(path)?;
            write(pending.writer())?;
            let (real, tmp) = pending.finish(path)?;
            persist(path, &real, tmp)?;
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
    let mut a = Pending::new(p1)?;
    let mut b = Pending::new(p2)?;
    let (wa, wb) = (a.writer.as_mut(), b.writer.as_mut());
    write(wa.expect("open"), wb.expect("open"))?;
    let (r1, t1) = a.finish(p1)?;
    let (r2, t2) = b.finish(p2)?;
    persist(p1, &r1, t1)?;
    persist(p2, &r2, t2)?;
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
        // Nothing of this test is still registered (other tests write at the same time).
        assert!(!LIVE_TEMPS
            .lock()
            .unwrap()
            .iter()
            .any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn refuses_to_overwrite_an_input_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.txt");
        std::fs::write(&path, "x").unwrap();
        let other_name = dir.path().join("hard-link.txt");
        std::fs::hard_link(&path, &other_name).unwrap();
        let err = Target::File(other_name)
            .check_writable(&[path.to_str().unwrap()])
            .unwrap_err();
        assert!(err.to_string().contains("would overwrite an input"));
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_a_replaced_file_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.tsv");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.tsv");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically::<Error, _>(
            &Target::File(link.clone()),
            |out| Ok(out.write_all(b"new")?),
        )
        .unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn refuses_directories_and_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = Target::File(dir.path().to_path_buf())
            .check_writable(&[])
            .unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        let ro = dir.path().join("ro.tsv");
        std::fs::write(&ro, "keep").unwrap();
        let mut perms = std::fs::metadata(&ro).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&ro, perms).unwrap();
        let err = Target::File(ro.clone()).check_writable(&[]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        let forced = WritePolicy {
            replace_read_only: true,
        };
        Target::File(ro).check_with(&[], &forced).unwrap();
    }
}
