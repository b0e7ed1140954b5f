//! Writing outputs so that a failed or killed run leaves the previous files
//! intact: everything is rendered in memory first, then each file is
//! written beside its target and renamed into place. An output that already
//! holds the bytes is not written again.
//!
//! Files are not synced to the disk one by one: a sync costs more than the
//! whole extraction of a report, and a batch writes thousands. What a crash
//! can leave:
//! - recueil stopped, killed or failing (the common case): every output is
//!   either its old file or its new one, never a mix or a part; at worst a
//!   `.<name>.<pid>.tmp` file stays beside it;
//! - the machine losing power or the system crashing within seconds of a
//!   run: the kernel may not yet have put the new contents on the disk, and
//!   an output renamed just before may be empty or short once the machine
//!   restarts (ext4 and most file systems write a replaced file's data
//!   before the rename, so an existing output usually keeps its old or new
//!   contents). Such a file fails to read back as JSON, DOCX or PDF; running
//!   the same command again rewrites it.

use crate::diagnostic::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes all files or, if any can't be written, none of the new ones
/// replace the old.
/// Writes every file, or none; for each, whether it was written (false:
/// it already held its bytes).
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<bool>, Diagnostic> {
    let mut staged = Vec::new();
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        // An output that already has these bytes is left as it is, with
        // its date: regenerating after a session touches only what changed,
        // and a batch run again writes nothing new.
        let same = unchanged(path, bytes);
        written.push(!same);
        if same {
            continue;
        }
        match stage(path, bytes) {
            Ok(temp) => staged.push((temp, path)),
            Err(e) => {
                for (temp, _) in &staged {
                    let _ = std::fs::remove_file(temp);
                }
                return Err(e);
            }
        }
    }
    for (i, (temp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, path) {
            for (temp, _) in &staged[i..] {
                let _ = std::fs::remove_file(temp);
            }
            return Err(Diagnostic::error(
                path.display().to_string(),
                0,
                0,
                format!("cannot write the output: {e}"),
            ));
        }
    }
    Ok(written)
}

/// Whether the file at `path` holds exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    // One byte more than expected tells a file that grew meanwhile.
    let mut held = Vec::with_capacity(bytes.len() + 1);
    file.take(bytes.len() as u64 + 1)
        .read_to_end(&mut held)
        .is_ok_and(|_| held == bytes)
}

fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            path.display().to_string(),
            0,
            0,
            format!("cannot write the output: {e}"),
        )
    };
    if path.is_dir() {
        return Err(fail(std::io::Error::other(
            "a folder of that name is in the way",
        )));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&temp).map_err(fail)?;
    file.write_all(bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        fail(e)
    })?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder, removed when the test ends.
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn dir(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("recueil-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_every_file() {
        let d = dir("all");
        std::fs::write(d.join("a.json"), "old").unwrap();
        write_all(&[
            (d.join("a.json"), b"new a".to_vec()),
            (d.join("sub/b.json"), b"new b".to_vec()),
        ])
        .unwrap();
        assert_eq!(std::fs::read(d.join("a.json")).unwrap(), b"new a");
        assert_eq!(std::fs::read(d.join("sub/b.json")).unwrap(), b"new b");
        assert_eq!(listing(&d), ["a.json", "sub"]);
    }

    #[test]
    fn when_the_second_file_cannot_be_staged_the_first_is_untouched() {
        let d = dir("second-unstaged");
        std::fs::write(d.join("a.json"), "old a").unwrap();
        // A file where the second output's folder should be.
        std::fs::write(d.join("blocked"), "not a folder").unwrap();
        let err = write_all(&[
            (d.join("a.json"), b"new a".to_vec()),
            (d.join("blocked/b.json"), b"new b".to_vec()),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("blocked/b.json"), "{err}");
        assert!(err.message.contains("cannot write the output"), "{err}");
        assert_eq!(std::fs::read(d.join("a.json")).unwrap(), b"old a");
        assert_eq!(listing(&d), ["a.json", "blocked"], "no temporary file left");
    }

    #[test]
    fn a_folder_in_the_way_of_a_later_file_stops_all_before_any_rename() {
        let d = dir("folder-in-the-way");
        std::fs::write(d.join("a.json"), "old a").unwrap();
        std::fs::create_dir(d.join("b.json")).unwrap();
        let err = write_all(&[
            (d.join("a.json"), b"new a".to_vec()),
            (d.join("b.json"), b"new b".to_vec()),
        ])
        .unwrap_err();
        assert!(err.message.contains("in the way"), "{err}");
        assert_eq!(std::fs::read(d.join("a.json")).unwrap(), b"old a");
        assert_eq!(listing(&d), ["a.json", "b.json"]);
        assert!(d.join("b.json").is_dir());
    }

    #[test]
    fn an_output_with_the_same_bytes_is_left_as_it_is() {
        let d = dir("unchanged");
        write_all(&[(d.join("a.json"), b"same".to_vec())]).unwrap();
        write_all(&[(d.join("b.json"), b"old".to_vec())]).unwrap();
        let a = std::fs::metadata(d.join("a.json")).unwrap();
        let b = std::fs::metadata(d.join("b.json")).unwrap();
        let written = write_all(&[
            (d.join("a.json"), b"same".to_vec()),
            (d.join("b.json"), b"new".to_vec()),
        ])
        .unwrap();
        assert_eq!(written, [false, true]);
        use std::os::unix::fs::MetadataExt;
        // The same file (inode) for the unchanged output; a new one, put
        // in place by the rename, for the changed one.
        assert_eq!(std::fs::metadata(d.join("a.json")).unwrap().ino(), a.ino());
        assert_ne!(std::fs::metadata(d.join("b.json")).unwrap().ino(), b.ino());
        assert_eq!(std::fs::read(d.join("b.json")).unwrap(), b"new");
        // A file that only starts with the bytes is rewritten.
        std::fs::write(d.join("a.json"), b"same and more").unwrap();
        write_all(&[(d.join("a.json"), b"same".to_vec())]).unwrap();
        assert_eq!(std::fs::read(d.join("a.json")).unwrap(), b"same");
        assert_eq!(listing(&d), ["a.json", "b.json"]);
    }
}
