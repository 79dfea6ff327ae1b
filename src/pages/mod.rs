//! One module per route.

pub mod benefits;
pub mod insights;
pub mod not_found;
pub mod overview;
pub mod sign_in;
pub mod technical_request;
pub mod tenants;
