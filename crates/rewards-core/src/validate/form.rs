//! The error collector behind every form-level validator.

use super::codes::{ErrorCode, FieldError};

/// Collects field errors while validating one form.
#[derive(Default)]
pub(super) struct Form {
    pub(super) errors: Vec<FieldError>,
}

impl Form {
    /// Records the error (if any) under `field` and passes the value on.
    pub(super) fn check<T>(&mut self, field: &str, result: Result<T, ErrorCode>) -> Option<T> {
        result.map_err(|code| self.push(field, code)).ok()
    }

    pub(super) fn push(&mut self, field: &str, code: ErrorCode) {
        self.errors.push(FieldError::new(field, code));
    }

    /// `Ok(value)` only when nothing failed.
    pub(super) fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}
