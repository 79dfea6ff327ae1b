//! `rewards-prerender INDEX_HTML`: writes into the built `index.html` the static HTML of what
//! every visit shows first — the app's own `AppShell` with the session still being checked —
//! once per locale, as `<template>`s that the page's `shell-choice` script picks from before
//! the first paint (src/lib.rs removes it when the app mounts). Run by scripts/host-config.mjs
//! as part of `trunk build`.

mod page;
mod render;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: rewards-prerender <dist/index.html>");
        return ExitCode::from(2);
    };
    let result = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|page| page::with_shells(&page, &render::all_locales()))
        .and_then(|page| std::fs::write(&path, page).map_err(|e| e.to_string()));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rewards-prerender: {error}");
            ExitCode::FAILURE
        }
    }
}
