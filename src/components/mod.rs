//! Reusable, page-agnostic components.

pub mod language_switcher;
pub mod page;
pub mod shell;
