//! One event per id. Of the files that share an id, one wins, chosen by a fixed rule; each
//! other is a copy of the same event when its title and date agree with the winner's
//! (left out with a warning: a corpus often keeps an `.md` and a `.json` export of one
//! event), and a conflict when they do not (rejected with E014).

use super::Accepted;
use std::collections::HashMap;

/// A file that lost its id to another.
pub struct Loser {
    pub event: Accepted,
    /// The winner's file name.
    pub winner: String,
    /// What differs from the winner: nothing for a copy of the same event.
    pub differs: Differs,
}

/// What two files with one id disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Differs {
    Nothing,
    Title,
    Date,
    TitleAndDate,
}

impl Differs {
    fn of(loser: &Accepted, winner: &Accepted) -> Differs {
        // The titles are unpacked only here: a duplicate is rare, and the packed events
        // keep their titles out of the check's memory.
        let title = loser.parsed().title != winner.parsed().title;
        match (title, loser.date != winner.date) {
            (false, false) => Differs::Nothing,
            (true, false) => Differs::Title,
            (false, true) => Differs::Date,
            (true, true) => Differs::TitleAndDate,
        }
    }

    /// The words for what differs, as "differ in …" ends ("" for nothing).
    pub fn words(self) -> &'static str {
        match self {
            Differs::Nothing => "",
            Differs::Title => "title",
            Differs::Date => "date",
            Differs::TitleAndDate => "title and date",
        }
    }
}

/// One event per id. The winner is a Markdown or YAML file over a JSON one, then the
/// first path in byte order; each loser comes with the winner's file name and what
/// differs, in path order.
pub fn resolve(events: Vec<Accepted>) -> (Vec<Accepted>, Vec<Loser>) {
    let mut by_id: HashMap<String, Vec<Accepted>> = HashMap::new();
    for e in events {
        by_id.entry(e.id.clone()).or_default().push(e);
    }
    let mut winners = Vec::with_capacity(by_id.len());
    let mut losers = Vec::new();
    for (_, mut group) in by_id {
        group.sort_by(|a, b| (a.format_is_json, &a.file).cmp(&(b.format_is_json, &b.file)));
        let mut group = group.into_iter();
        let Some(winner) = group.next() else {
            continue;
        };
        for loser in group {
            losers.push(Loser {
                differs: Differs::of(&loser, &winner),
                winner: winner.file.clone(),
                event: loser,
            });
        }
        winners.push(winner);
    }
    losers.sort_by(|a, b| a.event.file.cmp(&b.event.file));
    (winners, losers)
}
