//! The typed client of the reference API (`/api/v1`). Pages call the functions in
//! [`endpoints`]; nothing else in the app builds URLs or reads HTTP responses.

pub mod auth;
pub mod client;
pub mod connectivity;
pub mod early;
pub mod endpoints;
pub mod error;
pub mod idempotency;
pub mod shared;

pub use error::ApiError;
pub use idempotency::IdempotencyKey;
