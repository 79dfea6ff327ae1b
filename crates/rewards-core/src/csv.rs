//! CSV export (RFC 4180): comma-separated, CRLF line ends, fields quoted when
//! they hold a comma, a quote, CR or LF, quotes doubled. UTF-8 text; a
//! spreadsheet needs the byte-order mark [`BOM`] in front to read it as UTF-8.
//!
//! Text cells that a spreadsheet could read as a formula (a leading `=`, `+`,
//! `-`, `@`, tab or CR) are neutralised with a leading apostrophe (OWASP "CSV
//! injection"), so a hostile title such as `=HYPERLINK(…)` arrives as text.
//! Numbers and dates are written plainly (`-1250.50`, `2026-05-01`) and are
//! never neutralised: they are typed cells, not text.

use crate::date::Date;

/// UTF-8 byte-order mark, for spreadsheets that otherwise guess the encoding.
pub const BOM: &str = "\u{feff}";

/// One cell of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Free text (neutralised when it could be read as a formula).
    Text(String),
    /// A whole number.
    Int(i64),
    /// US-dollar cents, written as dollars with two decimals (`61500.00`).
    Cents(i64),
    /// An ISO 8601 day (`2026-05-01`).
    Date(Date),
    /// An ISO 8601 month (`2026-05`) of the given day.
    Month(Date),
    /// No value.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Int(i64::from(n))
    }
}

/// Whether a spreadsheet could take `text` for a formula.
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// `text` made safe to open in a spreadsheet: prefixed with `'` when it looks like a formula.
pub fn neutralise(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn cents(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let abs = c.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

impl Cell {
    /// The field's value before quoting.
    fn value(&self) -> String {
        match self {
            Cell::Text(t) => neutralise(t),
            Cell::Int(n) => n.to_string(),
            Cell::Cents(c) => cents(*c),
            Cell::Date(d) => d.to_string(),
            Cell::Month(d) => format!("{:04}-{:02}", d.year(), d.month()),
            Cell::Empty => String::new(),
        }
    }
}

/// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A CSV document: the header row (text, neutralised like any text) and the rows,
/// each line ended by CRLF. Without the [`BOM`].
pub fn write(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        let fields: Vec<String> = cells.map(|v| field(&v)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, &mut header.iter().map(|h| neutralise(h)));
    for row in rows {
        line(&mut out, &mut row.iter().map(Cell::value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rows_with_crlf() {
        let csv = write(
            &["Month", "Billed sales (USD)", "Count"],
            &[
                vec![
                    Cell::Month(Date::parse("2026-05-17").unwrap()),
                    Cell::Cents(6_150_000),
                    Cell::Int(3),
                ],
                vec![
                    Cell::Date(Date::parse("2026-06-01").unwrap()),
                    Cell::Cents(-125_050),
                    Cell::Int(-2),
                ],
                vec![Cell::Empty, Cell::Cents(5), Cell::Int(0)],
            ],
        );
        assert_eq!(
            csv,
            "Month,Billed sales (USD),Count\r\n2026-05,61500.00,3\r\n2026-06-01,-1250.50,-2\r\n,0.05,0\r\n"
        );
    }

    #[test]
    fn quoting_per_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(field(""), "");
        assert_eq!(field("漢字, åäö"), "\"漢字, åäö\"");
    }

    #[test]
    fn formula_looking_text_is_neutralised() {
        for (input, expected) in [
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "'=HYPERLINK(\"http://evil\",\"x\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindented", "'\tindented"),
            ("\rreturn", "'\rreturn"),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("", ""),
        ] {
            assert_eq!(neutralise(input), expected, "{input:?}");
        }
        let csv = write(
            &["Title"],
            &[vec![Cell::from("=1+2")], vec![Cell::from("=\"a\",b")]],
        );
        assert_eq!(csv, "Title\r\n'=1+2\r\n\"'=\"\"a\"\",b\"\r\n");
    }

    #[test]
    fn numbers_are_not_neutralised() {
        let csv = write(&["n"], &[vec![Cell::Int(-5)], vec![Cell::Cents(-1)]]);
        assert_eq!(csv, "n\r\n-5\r\n-0.01\r\n");
    }

    #[test]
    fn headers_are_neutralised_too() {
        assert_eq!(write(&["-x", "ok"], &[]), "'-x,ok\r\n");
    }
}
