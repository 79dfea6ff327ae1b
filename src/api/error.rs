//! What can go wrong with an API call, in terms the UI can act on.

use rewards_core::api::{problem_codes as codes, ProblemDetails};
use rewards_core::validate::FieldError;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No response at all: offline, connection refused or reset.
    Network,
    /// The server answered with an RFC 9457 problem.
    Problem(ProblemDetails),
    /// The server answered something the client cannot read.
    Unexpected { status: u16 },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected { status } => Some(*status),
            ApiError::Network => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(p.code.as_str()),
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

    pub fn is_unauthenticated(&self) -> bool {
        self.status() == Some(401)
    }

    /// Someone else changed the data since it was loaded (412).
    pub fn is_version_conflict(&self) -> bool {
        self.code() == Some(codes::VERSION_MISMATCH) || self.status() == Some(412)
    }
}
