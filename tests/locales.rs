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

fn locale_keys(locale: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{locale}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let mut out = BTreeSet::new();
    keys(&value, "", &mut out);
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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .expect("locales dir")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    found.sort();
    let mut expected: Vec<String> = SUPPORTED.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn seed_labels_stay_english_in_the_english_locale() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en.json"))
            .expect("en.json");
    for label in ["Sales and marketing benefits", "Technical benefits"] {
        assert!(
            text.contains(label),
            "en.json lacks the seed label {label:?}"
        );
    }
}
