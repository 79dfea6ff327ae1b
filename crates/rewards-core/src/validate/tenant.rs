//! The "associate tenant" form: domain plus tenant credentials.

use super::codes::FieldError;
use super::fields::normalize_domain;
use super::sign_in::{credentials, ValidatedCredentials};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Validates the "associate tenant" domain field (field name "domain").
pub fn validate_tenant_domain(domain: &str) -> Result<String, Vec<FieldError>> {
    normalize_domain(domain).map_err(|code| vec![FieldError::new("domain", code)])
}

/// Validates tenant-association credentials (fields "username", "password").
/// The user name is a UPN, which has email syntax.
pub fn validate_tenant_credentials(
    username: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    credentials("username", username, password)
}

/// Raw tenant-association body.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantCredentialsInput {
    pub domain: String,
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(format = Password))]
    pub password: String,
}

impl fmt::Debug for TenantCredentialsInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantCredentialsInput")
            .field("domain", &self.domain)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Validates the whole tenant-association form: domain plus credentials.
pub fn validate_tenant_association(
    input: &TenantCredentialsInput,
) -> Result<(String, ValidatedCredentials), Vec<FieldError>> {
    let domain = validate_tenant_domain(&input.domain);
    let creds = validate_tenant_credentials(&input.username, &input.password);
    match (domain, creds) {
        (Ok(d), Ok(c)) => Ok((d, c)),
        (d, c) => Err([d.err(), c.err()].into_iter().flatten().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::codes;
    use crate::validate::ErrorCode as E;
    use crate::validate::{validate_sign_in, SignInInput};

    #[test]
    fn credentials_and_sign_in() {
        let ok =
            validate_tenant_credentials(" admin@fabrikam.onmicrosoft.com ", " secret ").unwrap();
        assert_eq!(ok.username, "admin@fabrikam.onmicrosoft.com");
        assert_eq!(ok.password, " secret ", "passwords are not trimmed");
        assert!(!format!("{ok:?}").contains("secret"));
        let errs = validate_tenant_credentials("admin", "").unwrap_err();
        assert_eq!(
            codes(&errs),
            [("username", E::EmailInvalid), ("password", E::Required)]
        );
        let errs = validate_sign_in("", &"p".repeat(257)).unwrap_err();
        assert_eq!(
            codes(&errs),
            [("email", E::Required), ("password", E::TooLong)]
        );
        assert!(validate_sign_in("jan@contoso.com", &"p".repeat(256)).is_ok());
        let input = SignInInput {
            email: "a@b.co".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{input:?}").contains("hunter2"));
        let assoc = TenantCredentialsInput {
            domain: "Bad Domain".into(),
            username: "x".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{assoc:?}").contains("hunter2"));
        let errs = validate_tenant_association(&assoc).unwrap_err();
        assert_eq!(
            codes(&errs),
            [("domain", E::DomainInvalid), ("username", E::EmailInvalid)]
        );
    }
}
