//! Partial calendar dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//!
//! A partial date is a real interval (`2020-03` is the whole of March 2020), so it sorts
//! before its more precise days and a range filter keeps it when the intervals overlap.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A date known to the year, the month or the day. `month` and `day` are 0 when unknown.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct PartialDate {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

/// Why a string is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Format,
    /// The shape is right but the day does not exist (`2023-02-30`, month 13).
    Impossible,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1 to 9999), surrounding spaces allowed.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year = parts.next().ok_or(DateError::Format)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(DateError::Format);
        }
        let year = digits(year, 4).ok_or(DateError::Format)?;
        let month = match month {
            Some(m) => digits(m, 2).ok_or(DateError::Format)?,
            None => 0,
        };
        let day = match day {
            Some(d) => digits(d, 2).ok_or(DateError::Format)?,
            None => 0,
        };
        if year == 0 {
            return Err(DateError::Impossible);
        }
        if month > 12 || (month == 0 && s.len() > 4) {
            return Err(DateError::Impossible);
        }
        if day > days_in_month(year as i16, month as u8) || (day == 0 && s.len() > 7) {
            return Err(DateError::Impossible);
        }
        Ok(PartialDate {
            year: year as i16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Whether this is a date [`PartialDate::parse`] could have given: a year from 1 to
    /// 9999, a month from 1 to 12 (or unknown), a day of that month (or unknown, and
    /// unknown whenever the month is).
    pub fn is_valid(self) -> bool {
        (1..=9999).contains(&self.year)
            && self.month <= 12
            && (self.day == 0
                || (self.month > 0 && u32::from(self.day) <= days_in_month(self.year, self.month)))
    }

    /// A date known only to the year.
    pub fn year(year: i16) -> Self {
        PartialDate {
            year,
            month: 0,
            day: 0,
        }
    }

    /// A date known to the day.
    pub fn ymd(year: i16, month: u8, day: u8) -> Self {
        PartialDate { year, month, day }
    }

    /// The first day of the interval as `yyyymmdd`.
    pub fn start_key(self) -> u32 {
        let m = if self.month == 0 { 1 } else { self.month };
        let d = if self.day == 0 { 1 } else { self.day };
        key(self.year, m, d)
    }

    /// The last day of the interval as `yyyymmdd`.
    pub fn end_key(self) -> u32 {
        let m = if self.month == 0 { 12 } else { self.month };
        let d = if self.day == 0 {
            days_in_month(self.year, m) as u8
        } else {
            self.day
        };
        key(self.year, m, d)
    }

    /// How precisely the date is known.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }
}

/// How much of a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

fn key(year: i16, month: u8, day: u8) -> u32 {
    year.max(0) as u32 * 10_000 + month as u32 * 100 + day as u32
}

fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Days in a month of the proleptic Gregorian calendar; 0 for a month that does not exist.
pub fn days_in_month(year: i16, month: u8) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day != 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month, 1 to 12.
pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

impl PartialDate {
    /// A reader's form: `10 May 2017`, `May 2017` or `2017`.
    pub fn human(self) -> String {
        match self.precision() {
            Precision::Year => format!("{}", self.year),
            Precision::Month => format!("{} {}", month_name(self.month), self.year),
            Precision::Day => format!("{} {} {}", self.day, month_name(self.month), self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_three_shapes() {
        assert_eq!(PartialDate::parse("2017").unwrap(), PartialDate::year(2017));
        assert_eq!(
            PartialDate::parse("2017-05").unwrap(),
            PartialDate {
                year: 2017,
                month: 5,
                day: 0
            }
        );
        assert_eq!(
            PartialDate::parse(" 2017-05-10 ").unwrap(),
            PartialDate::ymd(2017, 5, 10)
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert_eq!(PartialDate::parse("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(PartialDate::parse("2023-13"), Err(DateError::Impossible));
        assert_eq!(PartialDate::parse("2023-00-10"), Err(DateError::Impossible));
        assert_eq!(PartialDate::parse("2023-04-31"), Err(DateError::Impossible));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in [
            "",
            "17",
            "2017/05/10",
            "2017-5-10",
            "May 2017",
            "2017-05-10-1",
            "２０１７",
        ] {
            assert_eq!(PartialDate::parse(bad), Err(DateError::Format), "{bad}");
        }
    }

    #[test]
    fn partial_dates_are_intervals() {
        let month = PartialDate::parse("2020-02").unwrap();
        assert_eq!(month.start_key(), 20_200_201);
        assert_eq!(month.end_key(), 20_200_229);
        let year = PartialDate::parse("2021").unwrap();
        assert_eq!((year.start_key(), year.end_key()), (20_210_101, 20_211_231));
        assert!(
            year < PartialDate::ymd(2021, 1, 1),
            "a year sorts before its days"
        );
    }

    #[test]
    fn human_forms() {
        assert_eq!(PartialDate::ymd(2017, 5, 10).human(), "10 May 2017");
        assert_eq!(PartialDate::parse("2017-05").unwrap().human(), "May 2017");
    }

    proptest! {
        #[test]
        fn display_parse_roundtrip(y in 1i16..=9999, m in 0u8..=12, d in 0u8..=31) {
            let day = if m == 0 { 0 } else { d.min(days_in_month(y, m) as u8) };
            let date = PartialDate { year: y, month: m, day };
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
            prop_assert!(date.is_valid());
            prop_assert!(date.start_key() <= date.end_key());
        }

        #[test]
        fn order_agrees_with_start_key(a in (1i16..3000, 0u8..=12, 0u8..=28), b in (1i16..3000, 0u8..=12, 0u8..=28)) {
            let mk = |(y, m, d): (i16, u8, u8)| PartialDate { year: y, month: m, day: if m == 0 { 0 } else { d } };
            let (a, b) = (mk(a), mk(b));
            if a.start_key() < b.start_key() { prop_assert!(a < b); }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = PartialDate::parse(&s);
        }
    }
}
