//! The colour theme: `<html data-theme>` selects a token set in style/tokens.css.

use rewards_core::embed::Theme;

pub fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

/// Standalone, the app follows the system: more contrast, then dark, else light.
pub fn from_system() -> Theme {
    let matches = |query: &str| {
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .is_some_and(|list| list.matches())
    };
    if matches("(prefers-contrast: more)") {
        Theme::HighContrast
    } else if matches("(prefers-color-scheme: dark)") {
        Theme::Dark
    } else {
        Theme::Light
    }
}
