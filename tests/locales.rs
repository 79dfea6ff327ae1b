//! Every UI string lives in `locales/*.json`, and every locale has every key.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

use rewards_portal::i18n::negotiate::SUPPORTED;

fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                keys(child, &path, out);
            }
        }
        serde_json::Value::String(text) => {
            assert!(!text.trim().is_empty(), "empty translation for `{prefix}`");
            out.insert(prefix.to_owned());
        }
        other => panic!("`{prefix}` must be a string or an object, found {other}"),
    }
}

fn locales_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Every key of every namespace of one locale, as `namespace.path.to.key`.
fn locale_keys(locale: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(locales_dir().join(locale)).expect("locale dir") {
        let path = entry.expect("entry").path();
        let namespace = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        keys(&value, &namespace, &mut out);
    }
    out
}

#[test]
fn every_locale_has_exactly_the_english_keys() {
    let english = locale_keys("en");
    assert!(english.len() > 10);
    for locale in &SUPPORTED[1..] {
        let other = locale_keys(locale);
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(extra.is_empty(), "{locale} has extra keys {extra:?}");
    }
}

#[test]
fn locale_files_are_exactly_the_supported_locales() {
    let mut found: Vec<String> = std::fs::read_dir(locales_dir())
        .expect("locales dir")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    found.sort();
    let mut expected: Vec<String> = SUPPORTED.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn seed_labels_stay_english_in_the_english_locale() {
    let mut text = String::new();
    for entry in std::fs::read_dir(locales_dir().join("en")).expect("en dir") {
        text += &std::fs::read_to_string(entry.expect("entry").path()).expect("readable");
    }
    let labels = [
        "Sales and marketing benefits",
        "Technical benefits",
        "Add, update, or change",
        "Assign user",
        "Activate",
        "Submit request",
        "Associate another Azure AD tenant",
        "Submit",
    ];
    for label in labels {
        let quoted = format!("\"{label}\"");
        assert!(
            text.contains(&quoted),
            "the English locale lacks the seed label {quoted}"
        );
    }
}
