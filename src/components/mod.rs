//! Reusable, page-agnostic components.

pub mod async_view;
pub mod chart;
pub mod connectivity;
pub mod dialog;
pub mod focus;
pub mod form;
pub mod language_switcher;
pub mod link;
pub mod page;
pub mod recovery;
pub mod render_later;
pub mod shell;
pub mod storage_slot;
pub mod who_can_act;
