//! What of the corpus folder may be read, and reading it safely: the kind of each entry
//! (a regular file, a folder, or something never opened), and a read that opens regular
//! files only and never takes more than a limit, whatever the file claims or becomes.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// What an entry of the corpus folder is, once a link is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    /// A FIFO, a socket or a device: opening one may block, and reading one may never
    /// end. The reason says which.
    Other(&'static str),
}

impl Kind {
    pub fn of(file_type: FileType) -> Kind {
        if file_type.is_file() {
            Kind::File
        } else if file_type.is_dir() {
            Kind::Folder
        } else if file_type.is_fifo() {
            Kind::Other("a FIFO, not a regular file")
        } else if file_type.is_socket() {
            Kind::Other("a socket, not a regular file")
        } else if file_type.is_block_device() || file_type.is_char_device() {
            Kind::Other("a device, not a regular file")
        } else {
            Kind::Other("not a regular file")
        }
    }
}

/// Why [`read`] gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path names something other than a regular file (the reason says what).
    NotRegular(&'static str),
    /// The file is larger than the limit: its size when it says so, `None` when it
    /// said less and held more (it grew, or it is not what its size says).
    TooLarge(Option<u64>),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(reason) => f.write_str(reason),
            ReadError::TooLarge(Some(size)) => write!(f, "the file is {size} bytes"),
            ReadError::TooLarge(None) => f.write_str("the file holds more than its size says"),
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them. The file is opened
/// without blocking (a FIFO put in a file's place after it was listed opens at once) and
/// its kind is checked on the open handle; then at most `limit + 1` bytes are read, so
/// that a file that grows, or that reports a size it does not have, is refused too.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let metadata = file.metadata()?;
    read_open(file, &metadata, limit)
}

fn read_open(file: File, metadata: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    match Kind::of(metadata.file_type()) {
        Kind::File => {}
        Kind::Folder => return Err(ReadError::NotRegular("a folder, not a file")),
        Kind::Other(reason) => return Err(ReadError::NotRegular(reason)),
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(Some(metadata.len())));
    }
    read_at_most(file, metadata.len(), limit)
}

/// Reads `reader` to its end if that is at most `limit` bytes; `expected` sizes the
/// buffer (a size the reader may not keep to).
fn read_at_most(reader: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize + 1);
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_never_ends_is_cut_at_the_limit() {
        let started = std::time::Instant::now();
        let e = read_at_most(std::io::repeat(b'x'), 0, 1 << 20).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge(None)), "{e:?}");
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(read_at_most(&b"abc"[..], 3, 3).unwrap(), b"abc");
        assert!(read_at_most(&b"abcd"[..], 3, 3).is_err());
    }

    #[test]
    fn reads_regular_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "text").unwrap();
        assert_eq!(read(&path, 4).unwrap(), b"text");
        assert!(matches!(read(&path, 3), Err(ReadError::TooLarge(Some(4)))));
        assert!(matches!(read(dir.path(), 3), Err(ReadError::NotRegular(_))));
        let fifo = dir.path().join("fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        // Opened without blocking, refused by its kind.
        let e = read(&fifo, 10).unwrap_err();
        assert_eq!(e.to_string(), "a FIFO, not a regular file");
    }
}
