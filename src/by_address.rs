//! Numbers by a string's address and length (or a document's address): the catalogue's words
//! in the engine's index, and the strings the wasm door's tape has numbered. Nearly every
//! string an estimate writes is looked up by the tape, so the lookup is one multiply and, most
//! often, one probe of a flat table: `std`'s `HashMap` with its control bytes and groups took 6%
//! of an estimate in the wasm profile.

/// Open addressing with linear probing, at most half full. Address 0 marks an empty slot: no
/// string (nor struct name, nor document) lives there, since a Rust pointer is never null.
#[derive(Debug, Default)]
pub struct ByAddress {
    /// (address, length, number); a power of two long, or empty.
    slots: Vec<(usize, usize, u32)>,
    count: usize,
}

const EMPTY: usize = 0;

impl ByAddress {
    /// Where `at` is, or the empty slot where it would go (the table is never full).
    fn place(&self, at: (usize, usize)) -> usize {
        let mask = self.slots.len() - 1;
        let hash =
            (at.0 as u64 ^ (at.1 as u64).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let (address, length, _) = self.slots[i];
            if address == EMPTY || (address, length) == at {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    pub fn get(&self, at: &(usize, usize)) -> Option<&u32> {
        if self.slots.is_empty() {
            return None;
        }
        let (address, _, k) = &self.slots[self.place(*at)];
        (*address != EMPTY).then_some(k)
    }

    /// Numbers `at` as `k` (or numbers it again).
    pub fn insert(&mut self, at: (usize, usize), k: u32) {
        debug_assert_ne!(at.0, EMPTY);
        if 2 * (self.count + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(EMPTY, 0, 0); (old.len() * 2).max(64)];
            self.count = 0;
            for (address, length, k) in old.into_iter().filter(|s| s.0 != EMPTY) {
                self.insert((address, length), k);
            }
        }
        let i = self.place(at);
        if self.slots[i].0 == EMPTY {
            self.count += 1;
        }
        self.slots[i] = (at.0, at.1, k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_numbered_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("word {i}")).collect();
        let mut kept = ByAddress::default();
        assert_eq!(kept.get(&(8, 1)), None);
        for (k, w) in words.iter().enumerate() {
            kept.insert((w.as_ptr() as usize, w.len()), k as u32);
        }
        for (k, w) in words.iter().enumerate() {
            assert_eq!(kept.get(&(w.as_ptr() as usize, w.len())), Some(&(k as u32)));
            // The same address with another length is another string (a prefix).
            assert_eq!(kept.get(&(w.as_ptr() as usize, w.len() - 1)), None);
        }
        kept.insert((words[7].as_ptr() as usize, words[7].len()), 99);
        assert_eq!(
            kept.get(&(words[7].as_ptr() as usize, words[7].len())),
            Some(&99)
        );
        assert_eq!(kept.count, words.len());
    }
}
