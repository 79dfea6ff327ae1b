//! Marketplace Rewards domain core: types, programme rules and validators.
//!
//! Plain Rust with no web dependencies, so the SPA (wasm32) and the reference
//! API server (native) apply exactly the same rules.

pub mod activation;
pub mod api;
pub mod case;
pub mod catalog;
pub mod csv;
pub mod date;
pub mod eligibility;
pub mod embed;
pub mod insights;
pub mod model;
pub mod retry;
pub mod status;
pub mod tier;
pub mod timeline;
pub mod validate;
