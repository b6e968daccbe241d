//! The list's geometry, with no browser in it: where each month heading and row stands,
//! which of them are near the viewport, which heading is stuck at the top, and where to
//! scroll to show a row. Rows and headings have fixed heights, so every position is a sum,
//! not a measurement; the heights for a width are decided here and nowhere else (the app
//! hands them to the stylesheet as `--row-h` and `--head-h`).

use std::collections::HashMap;
use timeline_bundle::html::month_label;
use timeline_bundle::Density;

/// Up to this width (CSS pixels) the list uses its phone layout, with taller rows.
pub const NARROW_MAX_WIDTH: f64 = 560.0;
/// A month heading's height.
pub const HEADING_HEIGHT: f64 = 44.0;
/// Rows rendered beyond the viewport on each side, so fast scrolling shows no gaps.
pub const OVERSCAN: f64 = 300.0;

/// A row's height at a viewport width and density. A compact row is the date, a title of
/// up to two lines (three on a phone) and the meta line; a default one adds a box of two
/// lines of excerpt (three on a phone, whose title gets two), whatever the excerpt's
/// length, so every row of a density and width is as high as the others.
pub fn row_height(width: f64, density: Density) -> f64 {
    let narrow = width <= NARROW_MAX_WIDTH;
    match (density, narrow) {
        (Density::Compact, true) => 104.0,
        (Density::Compact, false) => 92.0,
        (Density::Comfortable, true) => 160.0,
        (Density::Comfortable, false) => 144.0,
    }
}

/// The month an event is listed under: `(year, month)`, month 0 for a date known only to
/// the year.
pub type Group = (i16, u8);

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A month (or year) heading with its event count.
    Heading {
        group: Group,
        label: String,
        count: usize,
    },
    /// An event: its number in the bundle and its position in the list.
    Row { event: u32, position: usize },
}

/// What identifies a rendered item across updates. A row is its list position, not its
/// event: when a search changes the listed events, each row rewrites its texts (a few
/// `innerHTML`s) instead of being replaced, which costs less and leaves the reactive graph
/// alone; scrolling keeps the rows that stay in view as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Heading(Group),
    Row(u32),
}

/// Where a rendered item is, and the number it shows: a row's list position (for the
/// keyboard's selection), a heading's event count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub top: f64,
    pub number: usize,
    /// A row's event.
    pub event: u32,
    pub selected: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub items: Vec<Item>,
    pub tops: Vec<f64>,
    pub total: f64,
    /// The height of every row.
    pub row: f64,
    /// For each list position, the index of its item.
    item_of_position: Vec<usize>,
    /// For each item, the index of the heading above it.
    heading_of_item: Vec<usize>,
    /// For each month heading, its item.
    item_of_heading: HashMap<Group, usize>,
}

impl Layout {
    /// Lays out `events` (event numbers in list order), under month headings when
    /// `grouped` (`group_of` gives an event's month), each row `row` pixels high.
    pub fn new(events: &[u32], group_of: impl Fn(u32) -> Group, grouped: bool, row: f64) -> Self {
        let mut l = Layout {
            row,
            ..Layout::default()
        };
        let mut y = 0.0;
        let mut heading = 0;
        let mut i = 0;
        while i < events.len() {
            let end = if grouped {
                let group = group_of(events[i]);
                let mut j = i;
                while j < events.len() && group_of(events[j]) == group {
                    j += 1;
                }
                heading = l.items.len();
                l.item_of_heading.insert(group, heading);
                l.items.push(Item::Heading {
                    group,
                    label: month_label(group.0, group.1),
                    count: j - i,
                });
                l.tops.push(y);
                l.heading_of_item.push(heading);
                y += HEADING_HEIGHT;
                j
            } else {
                i + 1
            };
            for (position, &event) in events.iter().enumerate().take(end).skip(i) {
                l.item_of_position.push(l.items.len());
                l.items.push(Item::Row { event, position });
                l.tops.push(y);
                l.heading_of_item.push(heading);
                y += row;
            }
            i = end;
        }
        l.total = y;
        l
    }

    pub fn place_of(&self, key: Key) -> Option<Place> {
        let item = match key {
            Key::Row(position) => *self.item_of_position.get(position as usize)?,
            Key::Heading(g) => *self.item_of_heading.get(&g)?,
        };
        let (number, event) = match self.items[item] {
            Item::Row { event, position } => (position, event),
            Item::Heading { count, .. } => (count, 0),
        };
        Some(Place {
            top: self.tops[item],
            number,
            event,
            selected: false,
        })
    }

    /// The items to render for a viewport whose top is `view_top` pixels below the list's
    /// top and which is `height` high: those within [`OVERSCAN`] of it, with a heading's
    /// label (rows get theirs from their place).
    pub fn visible(&self, view_top: f64, height: f64) -> Vec<(Key, String)> {
        let from = self
            .tops
            .partition_point(|&t| t < view_top - OVERSCAN)
            .saturating_sub(1);
        let to = self
            .tops
            .partition_point(|&t| t < view_top + height + OVERSCAN)
            .min(self.items.len());
        self.items[from.min(to)..to]
            .iter()
            .map(|item| match item {
                Item::Heading { group, label, .. } => (Key::Heading(*group), label.clone()),
                Item::Row { position, .. } => (Key::Row(*position as u32), String::new()),
            })
            .collect()
    }

    /// The heading of the month at the top of the viewport, with its count, for the bar
    /// that stays at the top while its rows scroll by; `None` at the very top.
    pub fn heading_at(&self, view_top: f64) -> Option<String> {
        if view_top <= 0.0 {
            return None;
        }
        let i = self
            .tops
            .partition_point(|&t| t <= view_top)
            .saturating_sub(1);
        match self.items.get(*self.heading_of_item.get(i)?)? {
            Item::Heading { label, count, .. } => Some(format!("{label} · {count}")),
            Item::Row { .. } => None,
        }
    }

    /// The top of the row at list `position`.
    pub fn top_of(&self, position: usize) -> Option<f64> {
        Some(self.tops[*self.item_of_position.get(position)?])
    }

    /// Where to scroll (the viewport's new top) so that the row at `position` shows with
    /// room around it, or `None` when it already does.
    pub fn scroll_to_show(&self, position: usize, view_top: f64, height: f64) -> Option<f64> {
        let top = self.top_of(position)?;
        let out_of_view = top < view_top + 60.0 || top + self.row > view_top + height - 20.0;
        out_of_view.then(|| (top - height / 3.0).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events 0..6: two in May 2020, one dated only 2020, three in January 2021.
    fn months(event: u32) -> Group {
        [
            (2020, 5),
            (2020, 5),
            (2020, 0),
            (2021, 1),
            (2021, 1),
            (2021, 1),
        ][event as usize]
    }

    #[test]
    fn headings_and_rows_are_sums_of_fixed_heights() {
        let l = Layout::new(&[0, 1, 2, 3, 4, 5], months, true, 92.0);
        assert_eq!(l.items.len(), 9);
        assert_eq!(l.tops[..4], [0.0, 44.0, 136.0, 228.0]);
        assert_eq!(l.total, 3.0 * HEADING_HEIGHT + 6.0 * 92.0);
        assert_eq!(
            l.items[0],
            Item::Heading {
                group: (2020, 5),
                label: "May 2020".into(),
                count: 2
            }
        );
        assert_eq!(
            l.items[3],
            Item::Heading {
                group: (2020, 0),
                label: "2020".into(),
                count: 1
            }
        );
        let p = l.place_of(Key::Row(3)).unwrap();
        assert_eq!((p.top, p.number, p.event), (44.0 * 3.0 + 92.0 * 3.0, 3, 3));
        assert_eq!(l.place_of(Key::Heading((2021, 1))).unwrap().number, 3);
        assert_eq!(l.place_of(Key::Row(6)), None);
    }

    #[test]
    fn without_grouping_there_are_only_rows() {
        let l = Layout::new(&[5, 0, 3], months, false, 104.0);
        assert_eq!(l.tops, [0.0, 104.0, 208.0]);
        assert_eq!(l.place_of(Key::Row(1)).unwrap().event, 0);
        assert_eq!(l.heading_at(150.0), None);
    }

    #[test]
    fn only_items_near_the_viewport_are_rendered() {
        let events: Vec<u32> = (0..1000).collect();
        let l = Layout::new(&events, |_| (2020, 1), false, 100.0);
        let shown = l.visible(10_000.0, 800.0);
        // From 300 px above to 300 px below: rows 97 (partly) to 110.
        assert_eq!(shown.first().unwrap().0, Key::Row(96));
        assert_eq!(shown.last().unwrap().0, Key::Row(110));
        assert!(l.visible(0.0, 800.0).len() < 20);
        assert!(Layout::default().visible(0.0, 800.0).is_empty());
    }

    #[test]
    fn the_stuck_heading_is_the_month_at_the_top() {
        let l = Layout::new(&[0, 1, 2, 3, 4, 5], months, true, 92.0);
        assert_eq!(l.heading_at(0.0), None);
        assert_eq!(l.heading_at(100.0).as_deref(), Some("May 2020 · 2"));
        assert_eq!(l.heading_at(l.tops[4] + 1.0).as_deref(), Some("2020 · 1"));
        assert_eq!(
            l.heading_at(l.total - 1.0).as_deref(),
            Some("January 2021 · 3")
        );
    }

    #[test]
    fn scrolls_only_when_the_row_is_out_of_view() {
        let events: Vec<u32> = (0..100).collect();
        let l = Layout::new(&events, |_| (2020, 1), false, 100.0);
        assert_eq!(l.scroll_to_show(2, 0.0, 900.0), None);
        assert_eq!(l.scroll_to_show(20, 0.0, 900.0), Some(2000.0 - 300.0));
        // Whether the row fits is judged by this layout's own row height (50 px here; a
        // phone's 104 px would wrongly scroll for row 16).
        let short = Layout::new(&events, |_| (2020, 1), false, 50.0);
        assert_eq!(short.scroll_to_show(16, 0.0, 900.0), None);
        assert!(short.scroll_to_show(17, 0.0, 900.0).is_some());
    }

    /// The build's static first screen lays its rows out in normal flow with the heights
    /// the stylesheet gives them: they must be these.
    #[test]
    fn the_stylesheet_gives_the_static_rows_the_same_heights() {
        let css = include_str!("../../../style/main.css");
        let rule = |within: &str, height: &str| {
            let at = within.find(".prerender .event-list-wrap {").unwrap();
            let rule = &within[at..at + within[at..].find('}').unwrap()];
            assert!(rule.contains(height), "{rule} should say {height}");
        };
        // The first screen is the default view: default rows.
        let default = Density::default();
        rule(css, &format!("--row-h: {}px", row_height(1280.0, default)));
        rule(css, &format!("--head-h: {HEADING_HEIGHT}px"));
        let narrow = format!("@media (max-width: {NARROW_MAX_WIDTH}px) {{");
        let at = css.find(&narrow).expect("the narrow layout's breakpoint");
        let block = &css[at..at + css[at..].find("\n}\n").unwrap()];
        rule(
            block,
            &format!("--row-h: {}px", row_height(NARROW_MAX_WIDTH, default)),
        );
        assert!(row_height(NARROW_MAX_WIDTH + 1.0, default) == row_height(1280.0, default));
    }

    #[test]
    fn phones_get_taller_rows_and_compact_rows_are_shorter() {
        for density in [Density::Compact, Density::Comfortable] {
            assert!(row_height(390.0, density) > row_height(1280.0, density));
            assert_eq!(
                row_height(NARROW_MAX_WIDTH, density),
                row_height(390.0, density)
            );
        }
        assert_eq!(row_height(390.0, Density::Compact), 104.0);
        assert_eq!(row_height(1280.0, Density::Compact), 92.0);
        assert!(row_height(1280.0, Density::Comfortable) > 92.0);
    }
}
