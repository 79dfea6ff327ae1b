//! Passwords (argon2id PHC strings), bearer tokens (random, stored only as
//! SHA-256) and the [`CurrentUser`] extractor.

use crate::clock;
use crate::problem::{ApiResult, Problem};
use crate::sql::{Conn, OptionalExtension};
use crate::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use base64::Engine;
use rewards_core::api::problem_codes as codes;
use rewards_core::model::{Company, Role, User};
use sha2::{Digest, Sha256};

/// Session lifetime.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

/// Argon2id parameters for stored hashes. Modest (8 MiB, 2 passes) so that
/// demo seeding and sign-in stay fast in debug builds; raise for production.
pub fn argon2() -> Argon2<'static> {
    let params = Params::new(8 * 1024, 2, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Random bytes from the OS.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf).expect("OS random source");
    buf
}

/// A random URL-safe identifier (`prefix` + 16 random bytes).
pub fn new_id(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<12>())
    )
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("salt");
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hash")
        .to_string()
}

/// Constant-work verification; a malformed stored hash never verifies.
pub fn verify_password(phc: &str, password: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(hash) => argon2().verify_password(password.as_bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so the
/// response time does not reveal which emails are registered.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-real-password"))
}

/// Verifies `password` against `phc`, or against [`dummy_hash`] when there
/// is no account (so both take the same time; `false` then), on the blocking
/// pool and holding a permit of `state.argon2`, so no more verifications run
/// at once than there are cores.
pub async fn verify_bounded(
    state: &AppState,
    phc: Option<String>,
    password: String,
) -> ApiResult<bool> {
    let permit = state
        .argon2
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Problem::internal())?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        match phc {
            Some(phc) => verify_password(&phc, &password),
            None => {
                let _ = verify_password(dummy_hash(), &password);
                false
            }
        }
    })
    .await
    .map_err(|_| Problem::internal())
}

pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The bearer token of a request, if well-formed.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= 200)
        .then_some(token)
}

/// Name of the HttpOnly cookie that carries the session in standalone mode, so the
/// SPA never holds the token in script-readable storage.
pub const SESSION_COOKIE: &str = "rewards_session";

/// `Set-Cookie` value for a new session. SameSite=Strict plus the custom
/// `Idempotency-Key` header that every mutation needs keeps cross-site forgery out.
pub fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/api/v1; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}")
}

/// `Set-Cookie` value that removes the session cookie.
pub fn cleared_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/api/v1; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The session token from the cookie, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, token)| *name == SESSION_COOKIE && !token.is_empty() && token.len() <= 200)
        .map(|(_, token)| token)
}

/// The signed-in user with company context.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub company_id: String,
    pub company: Company,
    pub token_hash: String,
    /// Whether the user's tenant is associated with the company.
    pub programme_visible: bool,
}

impl CurrentUser {
    pub fn require_rewards_manager(&self) -> ApiResult<()> {
        if self.user.can_manage_rewards() {
            Ok(())
        } else {
            Err(Problem::forbidden(
                codes::READ_ONLY_ROLE,
                "Your role can view rewards but not change them. Ask a Global admin, MPN partner admin or Admin agent.",
            ))
        }
    }

    pub fn require_tenant_manager(&self) -> ApiResult<()> {
        if self.user.can_manage_tenants() {
            Ok(())
        } else {
            Err(Problem::forbidden(
                codes::TENANT_ADMIN_REQUIRED,
                "Only a Global admin or Account admin can manage tenants.",
            ))
        }
    }

    /// Tenant management: a Global admin or Account admin signed in through the company's
    /// home tenant or another associated tenant, i.e. signed in to the Partner Global Account.
    pub fn require_tenant_manager_in_account(&self) -> ApiResult<()> {
        self.require_tenant_manager()?;
        if self.programme_visible {
            Ok(())
        } else {
            Err(Problem::forbidden(
                codes::ASSOCIATED_TENANT_SIGN_IN_REQUIRED,
                "You signed in through a tenant that is not associated with your partner account. Sign in through your company's home tenant (its global account) first, then associate this tenant.",
            ))
        }
    }

    /// The Rewards team's case operations.
    pub fn require_rewards_team(&self) -> ApiResult<()> {
        if self.user.is_rewards_team() {
            Ok(())
        } else {
            Err(Problem::forbidden(
                codes::REWARDS_TEAM_REQUIRED,
                "Only the Marketplace Rewards team can do this.",
            ))
        }
    }

    /// Every partner operation on the programme; the Rewards team's account
    /// is refused here first, whatever its tenant.
    pub fn require_programme(&self) -> ApiResult<()> {
        if self.user.is_rewards_team() {
            return Err(Problem::forbidden(
                codes::PARTNER_ACCOUNT_REQUIRED,
                "This is a Marketplace Rewards team account: it works on technical cases through /api/v1/team and has no partner programme.",
            ));
        }
        if self.programme_visible {
            Ok(())
        } else {
            Err(Problem::forbidden(
                codes::PROGRAMME_HIDDEN,
                "The tenant you signed in with is not associated with your partner account, so the programme is hidden. A Global admin or Account admin can associate it under Account settings → Tenants.",
            ))
        }
    }
}

pub fn parse_roles(json: &str) -> Vec<Role> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Loads a user and its company by user id.
pub fn load_user(
    conn: &Conn,
    user_id: &str,
) -> crate::sql::Result<Option<(User, String, Company)>> {
    conn.query_row(
        "SELECT u.id, u.display_name, u.email, u.roles, u.tenant, c.id,
                c.partner_global_account_id, c.partner_id, c.name, c.account_email, c.home_tenant
         FROM users u JOIN companies c ON c.id = u.company_id WHERE u.id = ?1",
        [user_id],
        |r| {
            let user = User {
                id: r.get(0)?,
                display_name: r.get(1)?,
                email: r.get(2)?,
                roles: parse_roles(&r.get::<_, String>(3)?),
                tenant: r.get(4)?,
            };
            let company = Company {
                partner_global_account_id: r.get(6)?,
                partner_id: r.get(7)?,
                name: r.get(8)?,
                account_email: r.get(9)?,
                home_tenant: r.get(10)?,
            };
            Ok((user, r.get(5)?, company))
        },
    )
    .optional()
}

pub fn tenant_associated(conn: &Conn, company_id: &str, domain: &str) -> crate::sql::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM tenant_associations WHERE company_id = ?1 AND domain = ?2)",
        [company_id, domain],
        |r| r.get(0),
    )
}

/// The user id of a live session, for idempotency scoping.
pub fn session_user(conn: &Conn, token_hash: &str, now: i64) -> crate::sql::Result<Option<String>> {
    conn.query_row(
        "SELECT user_id FROM sessions WHERE token_hash = ?1 AND revoked_at IS NULL AND expires_at > ?2",
        crate::params![token_hash, now],
        |r| r.get(0),
    )
    .optional()
}

/// Resolves a bearer token to the signed-in user.
pub fn authenticate(conn: &Conn, token_hash: &str) -> ApiResult<CurrentUser> {
    let user_id = session_user(conn, token_hash, clock::now_unix())?.ok_or_else(|| {
        Problem::unauthorized(
            codes::INVALID_TOKEN,
            "The session has expired or was signed out. Sign in again.",
        )
    })?;
    let (user, company_id, company) = load_user(conn, &user_id)?.ok_or_else(|| {
        Problem::unauthorized(codes::INVALID_TOKEN, "The session's user no longer exists.")
    })?;
    let programme_visible = tenant_associated(conn, &company_id, &user.tenant)?;
    Ok(CurrentUser {
        user,
        company_id,
        company,
        token_hash: token_hash.to_string(),
        programme_visible,
    })
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let token = bearer(&parts.headers)
            .or_else(|| cookie_token(&parts.headers))
            .ok_or_else(|| {
                Problem::unauthorized(
                    codes::UNAUTHENTICATED,
                    "Sign in and send the token as `Authorization: Bearer <token>`.",
                )
            })?;
        let hash = token_hash(token);
        state.db.call(move |conn| authenticate(conn, &hash)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let h = hash_password("s3cret");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "s3cret"));
        assert!(!verify_password(&h, "S3cret"));
        assert!(!verify_password("garbage", "s3cret"));
    }

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&h), None);
    }
}
