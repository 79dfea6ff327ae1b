//! Generates the typed i18n module from `locales/<locale>/<namespace>.json` and
//! refuses to build when the locale files do not all hold the same keys.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

/// Keep in sync with `src/i18n/negotiate.rs::SUPPORTED` (a test checks it).
const LOCALES: [&str; 5] = ["en", "nl", "fr", "sv", "zh-TW"];
/// One namespace per feature, so each feature owns its own strings.
const NAMESPACES: &[&str] = &[
    "common",
    "domain",
    "auth",
    "overview",
    "benefits",
    "contact",
    "technical",
    "cases",
    "tenants",
    "resilience",
    "timeline",
    "insights",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");

    for namespace in NAMESPACES {
        check_same_keys(Path::new("locales"), namespace)?;
    }

    let mut cfg = Config::new(LOCALES[0])?;
    for locale in LOCALES.into_iter().skip(1) {
        cfg = cfg.add_locale(locale)?;
    }
    let cfg = cfg.add_namespaces(NAMESPACES)?;
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?).join("i18n");
    infos.generate_i18n_module(out)?;
    Ok(())
}

fn check_same_keys(dir: &Path, namespace: &str) -> Result<(), Box<dyn Error>> {
    let file = |locale: &str| dir.join(locale).join(format!("{namespace}.json"));
    let reference = keys_of(&file(LOCALES[0]))?;
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        let keys = keys_of(&file(locale))?;
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        if !missing.is_empty() {
            problems.push(format!(
                "{locale}/{namespace} lacks {} keys, e.g. {:?}",
                missing.len(),
                &missing[..missing.len().min(5)]
            ));
        }
        if !extra.is_empty() {
            problems.push(format!(
                "{locale}/{namespace} has {} keys en lacks, e.g. {:?}",
                extra.len(),
                &extra[..extra.len().min(5)]
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("locale files disagree:\n  {}", problems.join("\n  ")).into())
    }
}

fn keys_of(path: &Path) -> Result<BTreeSet<String>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)?;
    let mut keys = BTreeSet::new();
    collect(&value, "", &mut keys);
    Ok(keys)
}

fn collect(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(child, &path, out);
            }
        }
        _ => {
            out.insert(prefix.to_owned());
        }
    }
}
