//! The search keys of many rows laid end to end in one string, so a keystroke is one pass
//! of one searcher over it. Calling `str::contains` once per key built a new searcher each
//! time: 60,000 of them per keystroke over a 10,000-unit area, most of a keystroke's time on
//! a throttled tablet (issue 26). A row's parts are joined by [`SEP`], which nobody types
//! (a query holding it is cut there by `Query::new`), so a hit never spans two parts or two
//! rows.

use memchr::memmem::Finder;

/// Ends each part of a row's key.
pub const SEP: char = '\u{1f}';

/// The keys of rows `0..len()`, each a list of parts.
#[derive(Debug, Default)]
pub struct Haystack {
    text: String,
    /// Where row `i`'s key ends in `text` (row `i` starts where row `i - 1` ends).
    ends: Vec<u32>,
}

impl Haystack {
    /// Appends the next row's key, its parts in order.
    pub fn push<'a>(&mut self, parts: impl IntoIterator<Item = &'a str>) {
        for part in parts {
            self.text.push_str(part);
            self.text.push(SEP);
        }
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Row `i`'s key, its parts each followed by [`SEP`].
    pub fn row(&self, i: usize) -> &str {
        &self.text[self.start(i)..self.ends[i] as usize]
    }

    /// Row `i`'s parts, as pushed.
    pub fn parts(&self, i: usize) -> impl Iterator<Item = &str> {
        self.row(i).split_terminator(SEP)
    }

    /// Where row `i`'s key begins in `text`.
    fn start(&self, i: usize) -> usize {
        i.checked_sub(1).map_or(0, |before| self.ends[before] as usize)
    }

    /// Calls `hit(row, part)` once for each row whose key holds `needle`, in row order, with
    /// the index of the first part holding it. An empty needle finds nothing.
    pub fn each_hit(&self, needle: &str, mut hit: impl FnMut(usize, usize)) {
        if needle.is_empty() {
            return;
        }
        let finder = Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let (mut from, mut row) = (0usize, 0usize);
        while let Some(at) = finder.find(&bytes[from..]).map(|o| from + o) {
            // Rows are found in order: walk forward to the one holding `at`.
            while (self.ends[row] as usize) <= at {
                row += 1;
            }
            let part = memchr::memchr_iter(SEP as u8, &bytes[self.start(row)..at]).count();
            hit(row, part);
            from = self.ends[row] as usize;
        }
    }

    /// One flag per row: whether its key holds `needle`.
    pub fn rows_holding(&self, needle: &str) -> Vec<bool> {
        let mut found = vec![false; self.len()];
        self.each_hit(needle, |row, _| found[row] = true);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hay(rows: &[&[&str]]) -> Haystack {
        let mut h = Haystack::default();
        for parts in rows {
            h.push(parts.iter().copied());
        }
        h
    }

    fn hits(h: &Haystack, needle: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        h.each_hit(needle, |r, p| out.push((r, p)));
        out
    }

    /// Each row once, at its first part holding the needle; never across parts or rows.
    #[test]
    fn each_row_once_at_its_first_part() {
        let h = hay(&[&["1-0302", "10302", "王芳"], &[], &["2-0101", "20101", "李强", "王芳"]]);
        assert_eq!(hits(&h, "0"), vec![(0, 0), (2, 0)]);
        assert_eq!(hits(&h, "王芳"), vec![(0, 2), (2, 3)]);
        assert_eq!(hits(&h, "02王"), vec![]);
        assert_eq!(hits(&h, "芳2"), vec![]);
        assert_eq!(hits(&h, ""), vec![]);
        assert_eq!(h.rows_holding("李"), vec![false, false, true]);
        assert_eq!(h.len(), 3);
        assert_eq!(h.parts(2).collect::<Vec<_>>(), ["2-0101", "20101", "李强", "王芳"]);
        assert_eq!(h.parts(1).count(), 0);
    }

    /// The same rows as `contains` on each part, over many generated keys.
    #[test]
    fn agrees_with_contains_part_by_part() {
        let words = ["1-01", "101", "12", "王", "王芳", "芳", "138", "3号楼", "", "a"];
        let rows: Vec<Vec<&str>> = (0..200usize)
            .map(|i| (0..i % 5).map(|k| words[(i * 7 + k * 3) % words.len()]).collect())
            .collect();
        let h = {
            let mut h = Haystack::default();
            rows.iter().for_each(|r| h.push(r.iter().copied()));
            h
        };
        for needle in ["1", "01", "王", "王芳", "3号", "138", "a", "zz"] {
            let want: Vec<(usize, usize)> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.iter().position(|p| p.contains(needle)).map(|p| (i, p)))
                .collect();
            assert_eq!(hits(&h, needle), want, "{needle}");
        }
    }
}
