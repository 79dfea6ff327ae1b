//! Country/region (ISO 3166-1 alpha-2) and IANA time zone names.

use super::codes::{ErrorCode, TIME_ZONE_MAX};

/// ISO 3166-1 alpha-2 codes, officially assigned.
const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ \
BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK \
DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW \
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB \
LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC \
NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC \
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Every ISO 3166-1 alpha-2 code, for select lists.
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    COUNTRY_CODES.split_ascii_whitespace()
}

/// Country/region: an assigned ISO 3166-1 alpha-2 code, returned upper case.
pub fn validate_country(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim().to_ascii_uppercase();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v.len() != 2 || !country_codes().any(|c| c == v) {
        return Err(ErrorCode::CountryInvalid);
    }
    Ok(v)
}

/// IANA areas that prefix canonical zone names.
const TZ_AREAS: [&str; 11] = [
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// IANA time zone name by shape: "UTC" or `Area/Location[/Sub]` with a known
/// area and segments of letters, digits, `_`, `-`, `+`. (The full tz
/// database is not embedded; the server may check membership.)
pub fn validate_time_zone(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v == "UTC" {
        return Ok(v.to_string());
    }
    let mut parts = v.split('/');
    let area_ok = parts.next().is_some_and(|a| TZ_AREAS.contains(&a));
    let segments: Vec<&str> = parts.collect();
    let segment_ok = |s: &&str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
    };
    let ok = v.len() <= TIME_ZONE_MAX
        && area_ok
        && (1..=2).contains(&segments.len())
        && segments.iter().all(segment_ok);
    ok.then(|| v.to_string()).ok_or(ErrorCode::TimeZoneInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate_partner_id;
    use proptest::prelude::*;
    use ErrorCode as E;

    #[test]
    fn country_time_zone_partner_id() {
        assert_eq!(validate_country(" nl ").as_deref(), Ok("NL"));
        assert_eq!(validate_country("TW").as_deref(), Ok("TW"));
        assert_eq!(validate_country("UK"), Err(E::CountryInvalid));
        assert_eq!(validate_country("NLD"), Err(E::CountryInvalid));
        assert_eq!(validate_country(""), Err(E::Required));
        assert_eq!(country_codes().count(), 249);
        for tz in [
            "Europe/Amsterdam",
            "America/Argentina/Buenos_Aires",
            "Asia/Taipei",
            "UTC",
            "Etc/GMT+5",
        ] {
            assert!(validate_time_zone(tz).is_ok(), "{tz}");
        }
        for tz in [
            "Mars/Olympus",
            "Europe",
            "Europe/",
            "europe/amsterdam",
            "Europe/Amster dam",
            "CET/x",
            "+01:00",
        ] {
            assert_eq!(validate_time_zone(tz), Err(E::TimeZoneInvalid), "{tz}");
        }
        assert_eq!(validate_partner_id(" 1234567 ").as_deref(), Ok("1234567"));
        assert_eq!(validate_partner_id("12a"), Err(E::PartnerIdInvalid));
        assert_eq!(validate_partner_id("12345678901"), Err(E::PartnerIdInvalid));
    }

    proptest! {
        #[test]
        fn countries_and_time_zones_are_well_formed(s in "[a-zA-Z/_+ -]{0,20}") {
            if let Ok(c) = validate_country(&s) {
                prop_assert!(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()));
                prop_assert!(country_codes().any(|code| code == c));
                prop_assert_eq!(validate_country(&c.to_lowercase()), Ok(c.clone()));
            }
            if let Ok(tz) = validate_time_zone(&s) {
                let known_area = TZ_AREAS.iter().any(|a| tz.split('/').next() == Some(*a));
                prop_assert!(tz == "UTC" || (known_area && tz.contains('/')));
                prop_assert!(!tz.contains(' ') && tz.len() <= TIME_ZONE_MAX);
            }
            if let Ok(id) = validate_partner_id(&s) {
                prop_assert!(id.chars().all(|ch| ch.is_ascii_digit()));
            }
        }
    }
}
