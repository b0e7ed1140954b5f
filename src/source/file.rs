//! A report's bytes as the system holds them. A big file is mapped from
//! the system's cache rather than copied into the heap: for a 2 MB report,
//! the copy and the fresh pages it fills took a millisecond, the mapping
//! a tenth of that. Compilers map their sources the same way. The one
//! risk is the one they take: a file cut short by another program while
//! it is read stops the process (`SIGBUS`) rather than giving an error.

use std::io::Read as _;
use std::ops::Deref;

/// Files from this size are mapped; smaller ones are read, which costs
/// less than making and unmaking a mapping.
const MAP_FROM: u64 = 1 << 20;

pub struct FileBytes(Held);

enum Held {
    Read(Vec<u8>),
    #[cfg(unix)]
    Mapped(mapping::Mapping),
}

impl Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Held::Read(bytes) => bytes,
            #[cfg(unix)]
            Held::Mapped(m) => m.bytes(),
        }
    }
}

/// What is wrong with a file before its bytes are read.
pub enum Refused {
    Io(std::io::Error),
    Directory,
    /// Its length, over the limit.
    TooLong(u64),
    /// It gave more than the limit, though its length said less.
    GrewTooLong,
}

/// The bytes of the file at `path`, at most `max_bytes` of them.
pub fn bytes(path: &std::path::Path, max_bytes: u64) -> Result<FileBytes, Refused> {
    let file = std::fs::File::open(path).map_err(Refused::Io)?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if meta.is_dir() {
        return Err(Refused::Directory);
    }
    if meta.len() > max_bytes {
        return Err(Refused::TooLong(meta.len()));
    }
    #[cfg(unix)]
    if meta.is_file() && meta.len() >= MAP_FROM {
        if let Some(m) = mapping::Mapping::of(&file, meta.len() as usize) {
            return Ok(FileBytes(Held::Mapped(m)));
        }
    }
    // The size on disk can lie (a pipe, a device, a file still growing):
    // read at most one byte past the limit.
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize + 1);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refused::GrewTooLong);
    }
    Ok(FileBytes(Held::Read(bytes)))
}

#[cfg(unix)]
mod mapping {
    use std::ffi::{c_int, c_long, c_void};
    use std::os::fd::AsRawFd;

    pub struct Mapping {
        start: *const u8,
        len: usize,
    }

    extern "C" {
        fn mmap(
            addr: *mut c_void,
            len: usize,
            prot: c_int,
            flags: c_int,
            fd: c_int,
            offset: c_long,
        ) -> *mut c_void;
        fn munmap(addr: *mut c_void, len: usize) -> c_int;
    }
    const PROT_READ: c_int = 1;
    const MAP_PRIVATE: c_int = 2;
    /// The file's pages are mapped at once, not one fault at a time.
    #[cfg(target_os = "linux")]
    const MAP_POPULATE: c_int = 0x8000;
    #[cfg(not(target_os = "linux"))]
    const MAP_POPULATE: c_int = 0;
    const MAP_FAILED: *mut c_void = !0 as *mut c_void;

    impl Mapping {
        /// The first `len` bytes of `file`, read only; none if the system
        /// will not map them.
        pub fn of(file: &std::fs::File, len: usize) -> Option<Mapping> {
            // SAFETY: a new private, read-only mapping of an open file;
            // nothing else in the process can reach it.
            let start = unsafe {
                mmap(
                    std::ptr::null_mut(),
                    len,
                    PROT_READ,
                    MAP_PRIVATE | MAP_POPULATE,
                    file.as_raw_fd(),
                    0,
                )
            };
            (start != MAP_FAILED && len > 0).then_some(Mapping {
                start: start as *const u8,
                len,
            })
        }

        pub fn bytes(&self) -> &[u8] {
            // SAFETY: `len` readable bytes are mapped at `start` until drop.
            unsafe { std::slice::from_raw_parts(self.start, self.len) }
        }
    }

    impl Drop for Mapping {
        fn drop(&mut self) {
            // SAFETY: the mapping made in `of`, unmapped once.
            unsafe { munmap(self.start as *mut c_void, self.len) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_big_file_mapped_and_a_small_one_read_give_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0, 5, MAP_FROM as usize, MAP_FROM as usize + 4097] {
            let path = dir.path().join(format!("r{len}.txt"));
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            let read = bytes(&path, u64::MAX).ok().unwrap();
            assert_eq!(&*read, &text[..], "{len} bytes");
            assert_eq!(
                matches!(read.0, Held::Mapped(_)),
                len as u64 >= MAP_FROM,
                "{len} bytes"
            );
        }
    }

    #[test]
    fn refused_over_the_limit_and_for_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, b"0123456789").unwrap();
        assert!(matches!(bytes(&path, 9), Err(Refused::TooLong(10))));
        assert!(bytes(&path, 10).is_ok());
        assert!(matches!(bytes(dir.path(), 10), Err(Refused::Directory)));
    }
}
