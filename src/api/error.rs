//! What can go wrong with an API call, in terms the UI can act on.

use rewards_core::api::{problem_codes as codes, ProblemDetails};
use rewards_core::validate::FieldError;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No response at all: connection refused or reset (after the retries).
    Network,
    /// The browser is offline; a write was not sent.
    Offline,
    /// No answer within the request timeout (after the retries).
    Timeout,
    /// The server is busy or a gateway failed (429, 502, 503, 504) and the
    /// retries did not help, or it asked to wait longer than the client waits.
    Busy {
        status: u16,
        /// From `Retry-After`: when to try again.
        retry_after_seconds: Option<u32>,
        /// The problem body, when the server sent one (e.g. `too_many_attempts`).
        problem: Option<ProblemDetails>,
    },
    /// The server answered with an RFC 9457 problem.
    Problem(ProblemDetails),
    /// The server answered something the client cannot read.
    Unexpected { status: u16 },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected { status } | ApiError::Busy { status, .. } => Some(*status),
            ApiError::Network | ApiError::Offline | ApiError::Timeout => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p)
            | ApiError::Busy {
                problem: Some(p), ..
            } => Some(p.code.as_str()),
            _ => None,
        }
    }

    /// Field-addressed validation errors, to show on the same form fields.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    /// No answer reached the app (network, offline, timeout): the request
    /// may or may not have been applied; a retry with the same key is safe.
    pub fn is_unanswered(&self) -> bool {
        matches!(
            self,
            ApiError::Network | ApiError::Offline | ApiError::Timeout
        )
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status() == Some(401)
    }

    /// Someone else changed the data since it was loaded (412).
    pub fn is_version_conflict(&self) -> bool {
        self.code() == Some(codes::VERSION_MISMATCH) || self.status() == Some(412)
    }
}
