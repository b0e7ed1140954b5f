//! Writing outputs so that a failed or killed run leaves the previous files
//! intact: everything is rendered in memory first, then each file is
//! written beside its target and renamed into place.

use crate::diagnostic::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes all files or, if any can't be written, none of the new ones
/// replace the old.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), Diagnostic> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
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
    for (temp, path) in staged {
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Diagnostic::error(
                path.display().to_string(),
                0,
                0,
                format!("cannot write the output: {e}"),
            )
        })?;
    }
    Ok(())
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
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })?;
    Ok(temp)
}
