//! "Dependencies flow one way" (src/lib.rs), checked: each top-level module of the SPA may use
//! only the modules below it in [`LAYERS`]; a `crate::` path to a higher one fails this test.

use std::path::{Path, PathBuf};

/// Lowest first. Modules on one line may use each other's items only if listed lower; the
/// binary entry (`main.rs`) and the crate root (`lib.rs`) wire everything and are not checked.
const LAYERS: [&str; 9] = [
    "browser",    // the browser window, absent natively: a leaf
    "paths",      // route paths: a leaf
    "api",        // the typed API client (on rewards_core)
    "embed",      // the host frame, the runtime configuration, theme
    "i18n",       // strings, negotiation, formatting
    "session",    // who is signed in
    "components", // page-agnostic building blocks
    "pages",      // one folder or file per route
    "app",        // the route table and the root component
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`src/pages/x.rs` → `pages`).
fn module_of(src: &Path, file: &Path) -> String {
    let first = file.strip_prefix(src).unwrap().components().next().unwrap();
    let name = first.as_os_str().to_str().unwrap();
    name.trim_end_matches(".rs").to_string()
}

/// Every `crate::<module>` a file's code names (comments included: a doc link upwards is a
/// dependency a reader follows too).
fn named_modules(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .filter(|(at, _)| !text[..*at].ends_with('_')) // `rewards_crate::` and the like
        .map(|(at, _)| {
            text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let own =
            rank(&module).unwrap_or_else(|| panic!("src/{module}: add the new module to LAYERS"));
        let text = std::fs::read_to_string(file).unwrap();
        for used in named_modules(&text) {
            match rank(&used) {
                Some(theirs) if theirs > own => violations.push(format!(
                    "{} ({module}) uses crate::{used}",
                    file.strip_prefix(&src).unwrap().display()
                )),
                _ => {}
            }
        }
    }
    assert!(
        violations.is_empty(),
        "upward imports:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_checker_sees_an_upward_import() {
    assert_eq!(
        named_modules("use crate::app::paths; x::crate::y"),
        ["app", "y"]
    );
    assert!(rank("pages") > rank("components"));
}
