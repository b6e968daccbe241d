//! The full-text index: built by the compiler, queried by the viewer without scanning
//! events. Terms are folded tokens ([`crate::text::tokens`]) kept sorted, so a prefix is a
//! binary search and a contiguous run of terms.

use crate::text::tokens;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How much a word weighs by where it stands; a term's weight in an event is the sum,
/// capped at 255.
#[derive(Clone, Copy, Debug)]
pub enum Field {
    Title = 12,
    Tag = 6,
    Actor = 7,
    Location = 4,
    Summary = 3,
    Source = 2,
    Body = 1,
}

/// An inverted index from folded term to the events that contain it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Sorted, unique.
    pub terms: Vec<String>,
    /// One list per term, in the same order.
    pub postings: Vec<Postings>,
}

/// The events that contain one term.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Postings {
    /// Event numbers as gaps from the previous one (varints stay one byte).
    pub gaps: Vec<u32>,
    /// The term's weight in each of those events.
    pub weights: Vec<u8>,
}

impl Postings {
    /// `(event, weight)` pairs in event order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        let mut doc = 0u32;
        self.gaps.iter().zip(&self.weights).map(move |(&gap, &w)| {
            doc += gap;
            (doc, w)
        })
    }
}

/// Words too common to be worth a posting list of their own.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "s", "she",
    "that", "the", "their", "them", "they", "this", "to", "was", "were", "which", "while", "who",
    "with",
];

/// Whether a folded token is a stopword, which the index leaves out.
pub fn is_stopword(token: &str) -> bool {
    STOPWORDS.binary_search(&token).is_ok()
}

/// Collects `(term, event) → weight` and freezes into a [`SearchIndex`].
#[derive(Default)]
pub struct IndexBuilder {
    /// term → its events and their weights, in the order they were added. A hash map, not
    /// an ordered one: a large corpus adds tens of millions of tokens, and the order is
    /// only needed once, in `finish`. Two vectors, not one of pairs: five bytes a posting
    /// rather than eight, at a million events a gigabyte less.
    postings: HashMap<String, Building>,
}

/// A term's events and their weights, while the index is built.
type Building = (Vec<u32>, Vec<u8>);

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Indexes `text` as part of event `doc` in `field`.
    pub fn add(&mut self, doc: u32, field: Field, text: &str) {
        for token in tokens(text) {
            if is_stopword(&token) || token.chars().count() > 40 {
                continue;
            }
            let (docs, weights) = match self.postings.get_mut(&token) {
                Some(list) => list,
                None => self.postings.entry(token).or_default(),
            };
            match (docs.last(), weights.last_mut()) {
                // Weights are capped at 255 in the index: adding saturates there.
                (Some(&d), Some(w)) if d == doc => *w = w.saturating_add(field as u8),
                _ => {
                    docs.push(doc);
                    weights.push(field as u8);
                }
            }
        }
    }

    /// Sorted terms, each with its events in order (weights of one event summed).
    pub fn finish(self) -> SearchIndex {
        let mut terms: Vec<(String, Building)> = self.postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut index = SearchIndex {
            terms: Vec::with_capacity(terms.len()),
            postings: Vec::with_capacity(terms.len()),
        };
        for (term, (docs, weights)) in terms {
            let mut pairs: Vec<(u32, u8)> = docs.into_iter().zip(weights).collect();
            // Events are usually added in order; sorting is for those that are not.
            if pairs.windows(2).any(|w| w[0].0 > w[1].0) {
                pairs.sort_by_key(|&(doc, _)| doc);
            }
            let mut postings = Postings {
                gaps: Vec::with_capacity(pairs.len()),
                weights: Vec::with_capacity(pairs.len()),
            };
            let mut prev: Option<u32> = None;
            for (doc, weight) in pairs {
                if prev == Some(doc) {
                    let last = postings.weights.last_mut().expect("a posting was pushed");
                    *last = last.saturating_add(weight);
                    continue;
                }
                postings.gaps.push(doc - prev.unwrap_or(0));
                postings.weights.push(weight);
                prev = Some(doc);
            }
            index.terms.push(term);
            index.postings.push(postings);
        }
        index
    }
}

/// The outcome of a query: matching events with their scores, and the words to highlight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    /// `(event, score)`, in event order.
    pub events: Vec<(u32, u32)>,
    /// The folded query words, for highlighting (each matched as a prefix).
    pub words: Vec<String>,
    /// Each hit's share of its score that the last word gave, in the order of `events`:
    /// what a longer last word replaces when it narrows these hits ([`search_from`]).
    pub last: Vec<u32>,
}

impl SearchIndex {
    /// The range of term numbers that start with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let lo = self.terms.partition_point(|t| t.as_str() < prefix);
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(prefix));
        lo..hi
    }

    /// [`search`] in this index alone.
    pub fn search(&self, query: &str, events: usize) -> Hits {
        search(&[self], query, events)
    }

    /// Splits the index, in term order, into shards of about `bytes` encoded bytes each
    /// (a term's postings are never split), with each shard's first term.
    pub fn into_shards(self, bytes: usize) -> Vec<SearchIndex> {
        let mut shards = Vec::new();
        let mut shard = SearchIndex::default();
        let mut size = 0;
        for (term, postings) in self.terms.into_iter().zip(self.postings) {
            if size >= bytes && !shard.terms.is_empty() {
                shards.push(std::mem::take(&mut shard));
                size = 0;
            }
            // The encoded size, near enough: the term, and a byte or two a posting.
            size += term.len() + 2 + postings.gaps.len() * 2;
            shard.terms.push(term);
            shard.postings.push(postings);
        }
        if !shard.terms.is_empty() || shards.is_empty() {
            shards.push(shard);
        }
        shards
    }
}

/// The words of `query` that a search looks up, folded: a finished stopword is left out
/// (it is not indexed), the word still being typed is kept ("the" may become "theft").
pub fn query_words(query: &str) -> Vec<String> {
    let words: Vec<String> = tokens(query).collect();
    let typing = !query.ends_with(|c: char| !c.is_alphanumeric());
    let last = words.len().saturating_sub(1);
    let mut kept: Vec<String> = Vec::new();
    for (i, w) in words.into_iter().enumerate() {
        if (is_stopword(&w) && !(typing && i == last)) || kept.contains(&w) {
            continue;
        }
        kept.push(w);
    }
    kept
}

/// The shards, by their first terms in order, that may hold terms starting with `prefix`:
/// the one whose range holds `prefix` itself and every later one that starts with it.
pub fn shards_for(firsts: &[&str], prefix: &str) -> std::ops::Range<usize> {
    let lo = firsts.partition_point(|f| *f <= prefix).saturating_sub(1);
    let hi = lo
        + firsts[lo.min(firsts.len())..].partition_point(|f| *f <= prefix || f.starts_with(prefix));
    lo..hi.max(lo + 1).min(firsts.len())
}

/// Finds the events that contain every word of `query`, each word as a prefix of a term
/// (an exact term scores double), in the index made of `shards` (which must include every
/// shard [`shards_for`] names for each of the query's words). `events` is how many events
/// the bundle holds.
pub fn search(shards: &[&SearchIndex], query: &str, events: usize) -> Hits {
    search_words(shards, query_words(query), events)
}

/// [`search`], from `prev` (the hits of the query before): the same words find the same
/// hits, and when `query` only types on its last word ([`narrows`]) the earlier words are
/// not looked up again and only the previous hits are kept or dropped. The hits are the
/// same as [`search`]'s.
pub fn search_from(
    shards: &[&SearchIndex],
    prev: Option<&Hits>,
    query: &str,
    events: usize,
) -> Hits {
    let words = query_words(query);
    match prev {
        Some(prev) if prev.words == words => prev.clone(),
        Some(prev) if narrows(&prev.words, &words) => narrow(shards, prev, words, events),
        _ => search_words(shards, words, events),
    }
}

/// Whether the query words `next` find a subset of what `prev` found because the reader
/// typed on: the same words, the last one longer and starting with the one before.
pub fn narrows(prev: &[String], next: &[String]) -> bool {
    match (prev.split_last(), next.split_last()) {
        (Some((was, before)), Some((now, rest))) => {
            before == rest && now.len() > was.len() && now.starts_with(was.as_str())
        }
        _ => false,
    }
}

/// Adds the weight of `word` in each event to `score` (an exact term counts double),
/// for the events `keep` allows.
fn add_word(
    shards: &[&SearchIndex],
    word: &str,
    score: &mut [u32],
    mut keep: impl FnMut(usize) -> bool,
) {
    for shard in shards {
        for t in shard.prefix_range(word) {
            let exact = if shard.terms[t] == word { 2 } else { 1 };
            for (doc, w) in shard.postings[t].iter() {
                let d = doc as usize;
                if d < score.len() && keep(d) {
                    // At least 1: a score above zero is what says the event has the word.
                    score[d] += (w as u32).max(1) * exact;
                }
            }
        }
    }
}

fn search_words(shards: &[&SearchIndex], words: Vec<String>, events: usize) -> Hits {
    let Some((last_word, before)) = words.split_last() else {
        return Hits::default();
    };
    let mut score = vec![0u32; events];
    // How many words an event has matched so far; only those that matched every word
    // before keep counting.
    let mut matched = vec![0u16; events];
    for (round, word) in before.iter().enumerate() {
        let round = round as u16;
        add_word(shards, word, &mut score, |d| {
            if matched[d] == round {
                matched[d] = round + 1;
            }
            matched[d] > round
        });
    }
    let need = before.len() as u16;
    let mut last = vec![0u32; events];
    add_word(shards, last_word, &mut last, |d| matched[d] == need);
    let mut hits = Hits {
        words,
        ..Hits::default()
    };
    for (d, &l) in last.iter().enumerate() {
        if l > 0 {
            hits.events.push((d as u32, score[d] + l));
            hits.last.push(l);
        }
    }
    hits
}

fn narrow(shards: &[&SearchIndex], prev: &Hits, words: Vec<String>, events: usize) -> Hits {
    let mut last = vec![0u32; events];
    let word = words.last().expect("narrows() needs a last word");
    add_word(shards, word, &mut last, |_| true);
    let mut hits = Hits {
        words,
        ..Hits::default()
    };
    for (&(d, s), &was) in prev.events.iter().zip(&prev.last) {
        let now = last.get(d as usize).copied().unwrap_or(0);
        if now > 0 {
            hits.events.push((d, s - was + now));
            hits.last.push(now);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let mut b = IndexBuilder::new();
        b.add(0, Field::Title, "Trump reveals classified intelligence");
        b.add(0, Field::Body, "Lavrov and Kislyak in the Oval Office");
        b.add(1, Field::Title, "Théâtre of corruption");
        b.add(1, Field::Body, "Trump Tower deal");
        b.add(2, Field::Body, "Nothing to see; the theft of a tower");
        b.finish()
    }

    #[test]
    fn events_added_out_of_order_are_merged_in_order() {
        let mut b = IndexBuilder::new();
        b.add(2, Field::Body, "tower");
        b.add(0, Field::Title, "tower");
        b.add(2, Field::Title, "tower");
        let ix = b.finish();
        let list: Vec<_> = ix.postings[0].iter().collect();
        assert_eq!(
            list,
            [
                (0, Field::Title as u8),
                (2, Field::Title as u8 + Field::Body as u8)
            ]
        );
    }

    #[test]
    fn terms_are_sorted_and_stopwords_left_out() {
        let ix = index();
        assert!(ix.terms.windows(2).all(|w| w[0] < w[1]));
        assert!(!ix.terms.iter().any(|t| t == "the" || t == "of"));
    }

    #[test]
    fn prefix_and_and_semantics() {
        let ix = index();
        let hits = ix.search("trum", 3);
        assert_eq!(hits.events.iter().map(|h| h.0).collect::<Vec<_>>(), [0, 1]);
        assert!(
            hits.events[0].1 > hits.events[1].1,
            "a title match outranks a body match"
        );
        let both = ix.search("trump tower", 3);
        assert_eq!(both.events.iter().map(|h| h.0).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn accents_and_case_fold() {
        let ix = index();
        assert_eq!(ix.search("THEATRE", 3).events.len(), 1);
        assert_eq!(ix.search("théâ", 3).events[0].0, 1);
    }

    #[test]
    fn a_stopword_being_typed_is_a_prefix() {
        let ix = index();
        assert_eq!(
            ix.search("the", 3)
                .events
                .iter()
                .map(|h| h.0)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(ix.search("the ", 3).events.is_empty());
        assert_eq!(ix.search("the tower", 3).events.len(), 2);
    }

    #[test]
    fn sharded_search_finds_what_the_whole_index_finds() {
        let whole = index();
        for size in [1, 8, 20, 1000] {
            let shards = index().into_shards(size);
            let firsts: Vec<&str> = shards.iter().map(|s| s.terms[0].as_str()).collect();
            for query in ["trum", "t", "the tower", "théâ", "zzz", "a", "deal", "of"] {
                let mut needed: Vec<&SearchIndex> = Vec::new();
                for word in query_words(query) {
                    for i in shards_for(&firsts, &word) {
                        needed.push(&shards[i]);
                    }
                }
                assert_eq!(
                    search(&needed, query, 3),
                    whole.search(query, 3),
                    "{query} in shards of {size}"
                );
            }
        }
    }

    #[test]
    fn typing_on_narrows_and_nothing_else_does() {
        let w = |s: &str| query_words(s);
        assert!(narrows(&w("trum"), &w("trump")));
        assert!(
            narrows(&w("trump t"), &w("trump to")),
            "a stopword being typed"
        );
        assert!(!narrows(&w("trump"), &w("trump")), "the same words");
        assert!(!narrows(&w("trump"), &w("trum")), "a shorter word widens");
        assert!(!narrows(&w("trump"), &w("trump t")), "a new word");
        assert!(
            !narrows(&w("trump to"), &w("trump to ")),
            "a finished stopword is dropped"
        );
        assert!(
            !narrows(&w("tower t"), &w("trump tr")),
            "another earlier word"
        );
        assert!(!narrows(&w("tr"), &w("ta")), "not an extension");
        assert!(!narrows(&w(""), &w("t")));
    }

    #[test]
    fn narrowed_hits_are_the_hits_of_a_new_search() {
        let ix = index();
        let shards = [&ix];
        for query in [
            "trump tower deal",
            "théâtre of corruption",
            "the theft",
            "oval office x",
        ] {
            let mut prev: Option<Hits> = None;
            for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let typed = &query[..end];
                let hits = search_from(&shards, prev.as_ref(), typed, 3);
                assert_eq!(hits, search(&shards, typed, 3), "{typed:?}");
                prev = Some(hits);
            }
        }
        // The same words (a space typed after them) are the same hits; an unrelated
        // query is searched anew, not narrowed.
        let trump = ix.search("trump", 3);
        assert_eq!(search_from(&shards, Some(&trump), "trump ", 3), trump);
        let tower = ix.search("tower", 3);
        assert_eq!(
            search_from(&shards, Some(&tower), "trump", 3),
            ix.search("trump", 3)
        );
    }

    #[test]
    fn shards_for_a_prefix() {
        let firsts = ["a", "ca", "cf", "d"];
        assert_eq!(shards_for(&firsts, "c"), 0..3);
        assert_eq!(shards_for(&firsts, "cb"), 1..2);
        assert_eq!(shards_for(&firsts, "cf"), 2..3);
        assert_eq!(shards_for(&firsts, "0"), 0..1);
        assert_eq!(shards_for(&firsts, "z"), 3..4);
        assert_eq!(shards_for(&[], "z"), 0..0);
    }

    #[test]
    fn empty_and_unknown_queries() {
        let ix = index();
        assert!(ix.search("", 3).events.is_empty());
        assert!(ix.search("  ,. ", 3).events.is_empty());
        assert!(ix.search("zzz", 3).events.is_empty());
    }
}

#[cfg(test)]
mod stopword_tests {
    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(super::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
