//! Many short strings in one buffer: the WIT record `string-table` of
//! `wit/engine.wit`, used on both sides of the engine component's boundary.
//!
//! Passing a value into or out of a WebAssembly component costs per value:
//! every string is one allocation in the guest and one copy (and, coming out,
//! one UTF-8 check and one host allocation). A batch of 1,000 recipients
//! passed as records is about 8,000 such strings, and those crossings cost
//! more than rendering the messages. As a table — all strings back to back in
//! one `text`, and where each ends in `ends` — a batch is two values.
//!
//! A table is a flat sequence of strings; its users agree on a row width
//! (four strings per recipient, three per rendered message) and read it with
//! [`StringTable::rows`]. A table that came across the boundary is checked
//! with [`StringTable::from_parts`] before anything reads it.

use std::fmt;

/// Strings stored back to back; string `i` is `text[ends[i - 1]..ends[i]]`
/// (the first starts at 0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StringTable {
    text: String,
    ends: Vec<u32>,
}

/// Why offsets do not describe strings of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableError {
    /// `ends[index]` is smaller than the end before it.
    Decreasing { index: usize },
    /// `ends[index]` lies beyond the end of the text.
    BeyondText { index: usize },
    /// `ends[index]` splits a UTF-8 character.
    InsideCharacter { index: usize },
    /// Bytes after the last end belong to no string.
    TrailingText,
    /// The number of strings is not a multiple of the row width.
    PartialRow { width: usize },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::Decreasing { index } => write!(f, "ends[{index}] is smaller than the end before it"),
            TableError::BeyondText { index } => write!(f, "ends[{index}] lies beyond the end of the text"),
            TableError::InsideCharacter { index } => write!(f, "ends[{index}] splits a UTF-8 character"),
            TableError::TrailingText => write!(f, "the text goes on after the last end"),
            TableError::PartialRow { width } => write!(f, "the number of strings is not a multiple of {width}"),
        }
    }
}

impl std::error::Error for TableError {}

impl StringTable {
    /// An empty table with room for `strings` strings of `bytes` bytes in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> StringTable {
        StringTable { text: String::with_capacity(bytes), ends: Vec::with_capacity(strings) }
    }

    /// A table from its parts as they crossed the boundary; checks that the
    /// ends rise, stay inside the text, fall on character boundaries and
    /// cover all of it.
    pub fn from_parts(text: String, ends: Vec<u32>) -> Result<StringTable, TableError> {
        for string in checked_rows::<1>(&text, &ends)? {
            string?;
        }
        Ok(StringTable { text, ends })
    }

    /// The text and the ends, to hand across the boundary.
    pub fn into_parts(self) -> (String, Vec<u32>) {
        (self.text, self.ends)
    }

    /// Appends one string.
    #[inline]
    pub fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.close();
    }

    /// Appends one string written in place by `write`, which may only append
    /// to the text it is given.
    #[inline]
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let before = self.text.len();
        write(&mut self.text);
        debug_assert!(self.text.len() >= before, "push_with may only append");
        self.close();
    }

    #[inline]
    fn close(&mut self) {
        let end = u32::try_from(self.text.len()).expect("a string table holds less than 4 GiB of text");
        self.ends.push(end);
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table holds no strings.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The strings in rows of `N`; fails when the count is not a multiple of `N`.
    pub fn rows<const N: usize>(&self) -> Result<impl ExactSizeIterator<Item = [&str; N]> + '_, TableError> {
        let rows = checked_rows::<N>(&self.text, &self.ends)?;
        Ok(rows.map(|row| row.expect("a table's ends are checked when it is made")))
    }
}

/// Rows of `N` strings read straight from a table's parts as they crossed a
/// boundary, each string checked as it is read (in order, inside the text, on
/// character boundaries): one pass, where [`StringTable::from_parts`] followed
/// by [`StringTable::rows`] checks twice. Fails at once when the count is not a
/// multiple of `N` or text follows the last end.
pub fn checked_rows<'a, const N: usize>(
    text: &'a str,
    ends: &'a [u32],
) -> Result<impl ExactSizeIterator<Item = Result<[&'a str; N], TableError>> + 'a, TableError> {
    if N == 0 || !ends.len().is_multiple_of(N) {
        return Err(TableError::PartialRow { width: N });
    }
    // An end beyond the text is found, and named, as its string is read.
    if ends.last().map_or(0, |&end| end as usize) < text.len() {
        return Err(TableError::TrailingText);
    }
    let mut start = 0usize;
    Ok(ends.chunks_exact(N).enumerate().map(move |(row, row_ends)| {
        let mut strings = [""; N];
        for (column, (&end, string)) in row_ends.iter().zip(&mut strings).enumerate() {
            let end = end as usize;
            let index = row * N + column;
            *string = text.get(start..end).ok_or(if end < start {
                TableError::Decreasing { index }
            } else if end > text.len() {
                TableError::BeyondText { index }
            } else {
                TableError::InsideCharacter { index }
            })?;
            start = end;
        }
        Ok(strings)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(strings: &[&str]) -> StringTable {
        let mut table = StringTable::default();
        for string in strings {
            table.push(string);
        }
        table
    }

    #[test]
    fn strings_come_back_in_order_including_empty_and_multibyte_ones() {
        let table = table(&["user-1", "", "Zoë", "日本"]);
        assert_eq!(table.len(), 4);
        assert_eq!(table.rows::<1>().unwrap().collect::<Vec<_>>(), [["user-1"], [""], ["Zoë"], ["日本"]]);
    }

    #[test]
    fn push_with_writes_one_string_in_place() {
        let mut table = table(&["a"]);
        table.push_with(|text| {
            text.push_str("b/");
            text.push_str("cd");
        });
        assert_eq!(table.rows::<1>().unwrap().collect::<Vec<_>>(), [["a"], ["b/cd"]]);
    }

    #[test]
    fn rows_group_strings_and_refuse_a_partial_row() {
        let table = table(&["k1", "u1", "body 1", "k2", "u2", "body 2"]);
        let rows: Vec<[&str; 3]> = table.rows::<3>().unwrap().collect();
        assert_eq!(rows, [["k1", "u1", "body 1"], ["k2", "u2", "body 2"]]);
        assert_eq!(table.rows::<4>().err(), Some(TableError::PartialRow { width: 4 }));
        assert_eq!(StringTable::default().rows::<4>().unwrap().count(), 0);
    }

    #[test]
    fn parts_round_trip() {
        let original = table(&["x", "", "yz"]);
        let (text, ends) = original.clone().into_parts();
        assert_eq!((text.as_str(), ends.as_slice()), ("xyz", [1, 1, 3].as_slice()));
        assert_eq!(StringTable::from_parts(text, ends), Ok(original));
    }

    #[test]
    fn from_parts_refuses_ends_that_do_not_describe_the_text() {
        let parts = |text: &str, ends: &[u32]| StringTable::from_parts(text.to_string(), ends.to_vec());
        assert_eq!(parts("abc", &[2, 1, 3]), Err(TableError::Decreasing { index: 1 }));
        assert_eq!(parts("abc", &[1, 4]), Err(TableError::BeyondText { index: 1 }));
        assert_eq!(parts("zoë", &[3, 4]), Err(TableError::InsideCharacter { index: 0 }));
        assert_eq!(parts("abc", &[1, 2]), Err(TableError::TrailingText));
        assert_eq!(parts("abc", &[]), Err(TableError::TrailingText));
        assert_eq!(parts("", &[]).map(|table| table.len()), Ok(0));
    }

    #[test]
    fn checked_rows_read_parts_and_name_the_first_bad_end() {
        let rows = |text: &'static str, ends: &'static [u32]| checked_rows::<2>(text, ends);
        let read: Vec<_> = rows("k1b1k2b2", &[2, 4, 6, 8]).unwrap().collect();
        assert_eq!(read, [Ok(["k1", "b1"]), Ok(["k2", "b2"])]);
        assert_eq!(rows("k1b1", &[2]).err(), Some(TableError::PartialRow { width: 2 }));
        assert_eq!(rows("k1b1", &[2, 3]).err(), Some(TableError::TrailingText));
        assert_eq!(rows("k1b1k2", &[2, 7, 5, 6]).unwrap().next(), Some(Err(TableError::BeyondText { index: 1 })));
        assert_eq!(rows("k1b1k2", &[4, 2, 5, 6]).unwrap().next(), Some(Err(TableError::Decreasing { index: 1 })));
        assert_eq!(rows("zoëb", &[3, 5]).unwrap().next(), Some(Err(TableError::InsideCharacter { index: 0 })));
    }
}
