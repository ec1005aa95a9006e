//! HTTP dates as RFC 9110 (section 5.6.7) asks a recipient to read them: the
//! IMF-fixdate, and the obsolete RFC 850 and asctime forms.
//!
//! Not the runtime's `Date.parse`: it is implementation-defined for these
//! forms and lenient where a date is impossible (V8 reads
//! `Sun, 31 Feb 2026 00:00:00 GMT` as 3 March, `1` as the year 2001, and
//! honours zones other than GMT); this refuses every impossible date, a
//! weekday that does not match, and any zone but GMT. `tests/rust_api.rs`
//! checks that both agree on valid dates. Fields are apart by spaces, the
//! grammar's SP (any number of them; a tab between fields is refused).

use super::text::{parse_digits, split_byte};

const DAY_MS: f64 = 86_400_000.0;
const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `text` as Unix milliseconds, or `None` if it is not a possible HTTP date.
/// `now_ms` decides the century of an RFC 850 two-digit year.
pub fn parse_http_date_ms(text: &str, now_ms: f64) -> Option<f64> {
    // Fields apart by spaces, as the grammar writes them (SP; asctime pads a one-digit day with a
    // second one), any number of them accepted.
    let mut parts = split_byte(text, b' ').filter(|p| !p.is_empty());
    let first = parts.next()?;
    let (weekday, date) = if let Some(day) = first.strip_suffix(",") {
        if let Some(w) = index_of(&SHORT_DAYS, day) {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            let day = number(parts.next()?, 2)?;
            let month = month(parts.next()?)?;
            let year = number(parts.next()?, 4)?;
            (w, Civil::new(year, month, day, parts.next()?)?)
        } else {
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let w = index_of(&LONG_DAYS, day)?;
            let mut dmy = split_byte(parts.next()?, b'-');
            let day = number(dmy.next()?, 2)?;
            let month = month(dmy.next()?)?;
            let yy = number(dmy.next()?, 2)?;
            if dmy.next().is_some() {
                return None;
            }
            let mut date = Civil::new(2000 + yy, month, day, parts.next()?)?;
            // RFC 9110: more than 50 years in the future means the past century.
            if date.unix_ms() > now_ms + 50.0 * 365.2425 * DAY_MS {
                date.year -= 100;
            }
            (w, date)
        }
    } else {
        // asctime: Sun Nov  6 08:49:37 1994
        let w = index_of(&SHORT_DAYS, first)?;
        let month = month(parts.next()?)?;
        let day = parts.next()?;
        let day = number(day, day.len().clamp(1, 2))?;
        let time = parts.next()?;
        let year = number(parts.next()?, 4)?;
        let date = Civil::new(year, month, day, time)?;
        return (parts.next().is_none() && date.weekday() == w).then(|| date.unix_ms());
    };
    if parts.next()? != "GMT" || parts.next().is_some() || date.weekday() != weekday {
        return None;
    }
    Some(date.unix_ms())
}

/// A date and time of day in UTC, checked to exist.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    seconds: i64,
}

impl Civil {
    fn new(year: u32, month: u32, day: u32, time: &str) -> Option<Civil> {
        let mut hms = split_byte(time, b':');
        let (h, m, s) = (
            number(hms.next()?, 2)?,
            number(hms.next()?, 2)?,
            number(hms.next()?, 2)?,
        );
        // A leap second (:60) cannot be told apart from the next minute here: refused.
        if hms.next().is_some() || h > 23 || m > 59 || s > 59 {
            return None;
        }
        let (year, month) = (i64::from(year), i64::from(month));
        if day == 0 || i64::from(day) > days_in_month(year, month) {
            return None;
        }
        Some(Civil {
            year,
            month,
            day: i64::from(day),
            seconds: i64::from(h * 3600 + m * 60 + s),
        })
    }

    fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    fn unix_ms(&self) -> f64 {
        (self.days() * 86_400 + self.seconds) as f64 * 1000.0
    }

    /// 0 is Sunday (1970-01-01 was a Thursday).
    fn weekday(&self) -> usize {
        (self.days() + 4).rem_euclid(7) as usize
    }
}

fn index_of(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

fn month(name: &str) -> Option<u32> {
    index_of(&MONTHS, name).map(|i| i as u32 + 1)
}

fn number(text: &str, len: usize) -> Option<u32> {
    if text.len() != len {
        return None;
    }
    parse_digits(text).and_then(|n| u32::try_from(n).ok())
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_796_083_200_000.0; // Tue, 01 Dec 2026 00:00:00 GMT
    const NOV_6_1994: f64 = 784_111_777_000.0;

    #[test]
    fn the_three_forms_of_rfc_9110() {
        let p = |t| parse_http_date_ms(t, NOW);
        assert_eq!(p("Sun, 06 Nov 1994 08:49:37 GMT"), Some(NOV_6_1994));
        assert_eq!(p("Sunday, 06-Nov-94 08:49:37 GMT"), Some(NOV_6_1994));
        assert_eq!(p("Sun Nov  6 08:49:37 1994"), Some(NOV_6_1994));
        assert_eq!(p("Sun Nov 06 08:49:37 1994"), Some(NOV_6_1994));
        assert_eq!(p("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(
            p("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1_835_438_400_000.0)
        );
        assert_eq!(p("Tue, 29 Feb 2000 00:00:00 GMT"), Some(951_782_400_000.0));
    }

    #[test]
    fn rfc_850_years_more_than_50_years_ahead_are_the_past_century() {
        let year = |t| parse_http_date_ms(t, NOW).map(|ms| 1970.0 + ms / (365.2425 * DAY_MS));
        assert!(year("Wednesday, 06-Nov-30 08:49:37 GMT")
            .is_some_and(|y| (2030.0..2031.0).contains(&y)));
        assert!(
            year("Friday, 06-Nov-76 08:49:37 GMT").is_some_and(|y| (2076.0..2077.0).contains(&y))
        );
        assert!(
            year("Sunday, 06-Nov-77 08:49:37 GMT").is_some_and(|y| (1977.0..1978.0).contains(&y))
        );
    }

    #[test]
    fn fields_are_apart_by_spaces_as_the_grammar_writes_them() {
        let p = |t| parse_http_date_ms(t, NOW);
        assert_eq!(p("Sun,  06 Nov 1994   08:49:37 GMT"), Some(NOV_6_1994));
        assert_eq!(p(" Sun Nov  6 08:49:37 1994 "), Some(NOV_6_1994));
        // The grammar's separator is SP; the header's own whitespace around it is trimmed first.
        assert_eq!(p("Sun,\t06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(p("Sun, 06 Nov 1994 08:49:37\u{a0}GMT"), None);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for t in [
            "Sun, 31 Feb 2026 00:00:00 GMT",
            "Sat, 29 Feb 2025 00:00:00 GMT",
            "Fri, 29 Feb 2100 00:00:00 GMT",
            "Sun, 31 Apr 2026 00:00:00 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:60 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov 31 08:49:37 1994",
            "Mon Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49 GMT",
            "1",
            "",
            "soon",
        ] {
            assert_eq!(parse_http_date_ms(t, NOW), None, "{t}");
        }
    }
}
