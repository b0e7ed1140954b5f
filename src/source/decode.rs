//! Bytes to text: the encodings reports arrive in. UTF-8 (with or without a
//! byte-order mark), UTF-16 (either byte order, with a mark or recognised by
//! its zero bytes) and Windows-1252, the code page of older Word exports.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other control bytes that no text report has.
    Binary { offset: usize },
    /// Bytes that are valid in no encoding recueil reads, or UTF-8 mixed
    /// with another encoding.
    Undecodable { offset: usize, reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// The text of `bytes`, borrowed when they are UTF-8 already (most reports).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3).map(|s| (Cow::Borrowed(s), Encoding::Utf8));
    }
    if let Some((order, shift)) = utf16_order(bytes) {
        return utf16(&bytes[shift..], order, shift).map(|(s, e)| (Cow::Owned(s), e));
    }
    // `contains` finds a byte many at a time; most texts have no NUL.
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    match valid_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => {
            let offset = e.valid_up_to();
            if has_utf8_multibyte(bytes) {
                return Err(DecodeError::Undecodable {
                    offset,
                    reason:
                        "this byte is not UTF-8, but the file has UTF-8 elsewhere: mixed encodings"
                            .into(),
                });
            }
            if let Some(bad) = bytes
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(DecodeError::Undecodable {
                    offset: bad,
                    reason: "this byte is neither UTF-8 nor Windows-1252".into(),
                });
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((Cow::Owned(text.into_owned()), Encoding::Windows1252))
        }
    }
}

/// As `std::str::from_utf8`: checked many bytes at a time (a big
/// report's accents take the standard check off its fast path), and
/// checked again by it only to tell where an error is.
fn valid_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

fn utf8(bytes: &[u8], shift: usize) -> Result<&str, DecodeError> {
    valid_utf8(bytes).map_err(|e| DecodeError::Undecodable {
        offset: e.valid_up_to() + shift,
        reason: "invalid UTF-8 after a UTF-8 byte-order mark".into(),
    })
}

/// The byte order of UTF-16 text and the length of its mark, if the bytes
/// are UTF-16: marked, or recognised by their zero bytes.
pub fn utf16_order(bytes: &[u8]) -> Option<(Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        None
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        unmarked_utf16(bytes).map(|order| (order, 0))
    }
}

/// The code units of UTF-16 bytes (a last odd byte is left out).
pub fn utf16_units(bytes: &[u8], order: Encoding) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |pair| {
        let pair = [pair[0], pair[1]];
        if order == Encoding::Utf16Be {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    })
}

/// `shift` is the length of the byte-order mark before `bytes`, so that
/// offsets count from the start of the file.
fn utf16(bytes: &[u8], order: Encoding, shift: usize) -> Result<(String, Encoding), DecodeError> {
    let encoding = if order == Encoding::Utf16Be {
        UTF_16BE
    } else {
        UTF_16LE
    };
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::Undecodable {
            offset: shift + bytes.len() - 1,
            reason: "UTF-16 text with an odd number of bytes (truncated?)".into(),
        });
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), order)),
        None => {
            let unit = char::decode_utf16(utf16_units(bytes, order))
                .scan(0, |at, c| {
                    let here = *at;
                    *at += c.as_ref().map_or(1, |c| c.len_utf16());
                    Some((here, c.is_err()))
                })
                .find_map(|(at, bad)| bad.then_some(at))
                .unwrap_or(0);
            Err(DecodeError::Undecodable {
                offset: shift + 2 * unit,
                reason: "invalid UTF-16 (unpaired surrogate)".into(),
            })
        }
    }
}

/// UTF-16 without a mark: text in Latin script has a zero in every other byte.
fn unmarked_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zeros_odd * 10 >= pairs * 9 && zeros_even == 0 {
        Some(Encoding::Utf16Le)
    } else if zeros_even * 10 >= pairs * 9 && zeros_odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(seq) = bytes.get(i..i + len) {
            if std::str::from_utf8(seq).is_ok() {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Les États parties devraient… « coopérer »";

    #[test]
    fn utf8_with_and_without_mark() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap().0, TEXT);
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&marked).unwrap().0, TEXT);
    }

    #[test]
    fn utf16_both_orders_marked_or_not() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&[&[0xFF, 0xFE][..], &le].concat()).unwrap().0, TEXT);
        assert_eq!(decode(&[&[0xFE, 0xFF][..], &be].concat()).unwrap().0, TEXT);
        assert_eq!(decode(&le).unwrap(), (TEXT.into(), Encoding::Utf16Le));
        assert_eq!(decode(&be).unwrap(), (TEXT.into(), Encoding::Utf16Be));
    }

    #[test]
    fn windows_1252() {
        let (bytes, _, _) = WINDOWS_1252.encode(TEXT);
        assert_eq!(
            decode(&bytes).unwrap(),
            (TEXT.into(), Encoding::Windows1252)
        );
    }

    #[test]
    fn mixed_encodings_are_refused_where_they_go_wrong() {
        let mut bytes = "Déjà vu ".as_bytes().to_vec();
        bytes.push(0xE9);
        match decode(&bytes) {
            Err(DecodeError::Undecodable { offset, .. }) => assert_eq!(offset, 10),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_errors_count_from_the_start_of_the_file() {
        let mut marked = vec![0xFF, 0xFE];
        marked.extend("ab\ncd".encode_utf16().flat_map(|u| u.to_le_bytes()));
        marked.extend([0x00, 0xD8]); // a lone high surrogate
        marked.extend("ef".encode_utf16().flat_map(|u| u.to_le_bytes()));
        match decode(&marked) {
            Err(DecodeError::Undecodable { offset, reason }) => {
                assert_eq!(offset, 12);
                assert!(reason.contains("surrogate"));
            }
            other => panic!("{other:?}"),
        }
        marked.push(b'x');
        match decode(&marked) {
            Err(DecodeError::Undecodable { offset, .. }) => assert_eq!(offset, marked.len() - 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00abc"),
            Err(DecodeError::Binary { offset: 4 })
        ));
    }
}
