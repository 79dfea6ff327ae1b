//! Chooses the UI locale. Pure functions, so they are tested natively and in
//! the browser alike.

/// The UI languages, default first. Keep in sync with `build.rs`.
pub const SUPPORTED: [&str; 5] = ["en", "nl", "fr", "sv", "zh-TW"];
pub const DEFAULT: &str = SUPPORTED[0];

/// Maps a BCP 47 language tag to a supported UI locale, if any.
///
/// Regional variants fall back to their language (`nl-BE` → `nl`), and every
/// Traditional-script Chinese tag (`zh-TW`, `zh-Hant`, `zh-HK`, `zh-MO`) maps
/// to `zh-TW`. Simplified Chinese has no UI yet, so it does not match.
pub fn match_tag(tag: &str) -> Option<&'static str> {
    let lower = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut subtags = lower.split('-').filter(|s| !s.is_empty());
    let language = subtags.next()?;
    if language == "zh" {
        let traditional = subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo"));
        return traditional.then_some("zh-TW");
    }
    SUPPORTED
        .iter()
        .copied()
        .find(|supported| supported.eq_ignore_ascii_case(language))
}

/// Where a locale preference came from, in the order they are consulted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// The user's explicit choice, remembered from an earlier visit.
    pub remembered: Option<String>,
    /// A `?lang=` query parameter.
    pub query: Option<String>,
    /// `navigator.languages`, most preferred first.
    pub browser: Vec<String>,
    /// The deployment's default (`defaultLocale` in config.json).
    pub configured: Option<String>,
}

/// Picks the first preference that maps to a supported locale, else English.
pub fn negotiate(prefs: &Preferences) -> &'static str {
    prefs
        .remembered
        .iter()
        .chain(prefs.query.iter())
        .chain(prefs.browser.iter())
        .chain(prefs.configured.iter())
        .find_map(|tag| match_tag(tag))
        .unwrap_or(DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_and_script_variants_map_to_supported_locales() {
        let cases = [
            ("en-US", Some("en")),
            ("nl-BE", Some("nl")),
            ("fr-CA", Some("fr")),
            ("sv-FI", Some("sv")),
            ("zh-TW", Some("zh-TW")),
            ("zh-Hant", Some("zh-TW")),
            ("zh-HK", Some("zh-TW")),
            ("zh-Hant-HK", Some("zh-TW")),
            ("zh_tw", Some("zh-TW")),
            ("ZH-tw", Some("zh-TW")),
            ("zh-CN", None),
            ("zh-Hans", None),
            ("zh", None),
            ("de-DE", None),
            ("", None),
            ("-", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(match_tag(tag), expected, "tag {tag:?}");
        }
    }

    #[test]
    fn remembered_choice_beats_query_and_browser() {
        let prefs = Preferences {
            remembered: Some("sv".into()),
            query: Some("fr".into()),
            browser: vec!["nl-NL".into()],
            configured: None,
        };
        assert_eq!(negotiate(&prefs), "sv");
    }

    #[test]
    fn query_beats_browser_and_unsupported_values_are_skipped() {
        let prefs = Preferences {
            remembered: Some("klingon".into()),
            query: Some("fr".into()),
            browser: vec!["nl-NL".into()],
            configured: None,
        };
        assert_eq!(negotiate(&prefs), "fr");
    }

    #[test]
    fn first_supported_browser_language_wins() {
        let prefs = Preferences {
            browser: vec!["de-DE".into(), "zh-Hant".into(), "nl".into()],
            ..Preferences::default()
        };
        assert_eq!(negotiate(&prefs), "zh-TW");
    }

    #[test]
    fn falls_back_to_english() {
        let prefs = Preferences {
            browser: vec!["ja-JP".into(), "zh-CN".into()],
            ..Preferences::default()
        };
        assert_eq!(negotiate(&prefs), "en");
        assert_eq!(negotiate(&Preferences::default()), "en");
    }

    #[test]
    fn the_configured_default_comes_after_the_browser() {
        let mut prefs = Preferences {
            browser: vec!["ja-JP".into()],
            configured: Some("fr".into()),
            ..Preferences::default()
        };
        assert_eq!(negotiate(&prefs), "fr");
        prefs.browser.push("sv-SE".into());
        assert_eq!(negotiate(&prefs), "sv");
    }
}
