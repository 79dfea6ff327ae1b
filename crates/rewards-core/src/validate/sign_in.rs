//! The sign-in form and the credential rules it shares with tenant
//! association.

use super::codes::{ErrorCode, FieldError, PASSWORD_MAX};
use super::fields::validate_email;
use super::form::Form;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Password rule shared by sign-in and tenant credentials: present, ≤ 256
/// chars. Not trimmed (spaces may be part of it) and never echoed.
fn validate_password(password: &str) -> Result<(), ErrorCode> {
    if password.is_empty() {
        Err(ErrorCode::Required)
    } else if password.chars().count() > PASSWORD_MAX {
        Err(ErrorCode::TooLong)
    } else {
        Ok(())
    }
}

/// Credentials that passed validation. `Debug` redacts the password so it
/// cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidatedCredentials {
    /// Trimmed user name / email.
    pub username: String,
    pub password: String,
}

impl fmt::Debug for ValidatedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidatedCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Validates the sign-in form (fields "email", "password").
pub fn validate_sign_in(
    email: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    credentials("email", email, password)
}

pub(super) fn credentials(
    user_field: &str,
    user: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    let mut form = Form::default();
    let username = form.check(user_field, validate_email(user));
    let pw_ok = form.check("password", validate_password(password));
    let value = username
        .zip(pw_ok)
        .map(|(username, ())| ValidatedCredentials {
            username,
            password: password.to_string(),
        });
    form.finish(value)
}

/// Raw sign-in body.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SignInRequest))]
pub struct SignInInput {
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(format = Password))]
    pub password: String,
}

impl fmt::Debug for SignInInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInInput")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate_tenant_credentials;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn passwords_never_leak(pw in "[A-Za-z0-9!?]{6,300}", user in "\\PC{0,30}") {
            for errs in [validate_sign_in(&user, &pw).err(), validate_tenant_credentials(&user, &pw).err()].into_iter().flatten() {
                let json = serde_json::to_string(&errs).unwrap();
                prop_assert!(!json.contains(&pw));
                let debug = format!("{:?}", errs);
                prop_assert!(!debug.contains(&pw));
            }
            if let Ok(c) = validate_sign_in(&user, &pw) {
                let debug = format!("{:?}", c);
                prop_assert!(!debug.contains(&pw));
            }
        }
    }
}
