//! Who is signed in. The session itself lives in an HttpOnly cookie set by the
//! API, so a reload keeps it and script never sees the token.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::{MeResponse, SessionStatus};

use crate::api::{endpoints, ApiError, IdempotencyKey};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    Checking,
    SignedOut {
        just_signed_out: bool,
        /// A request answered 401: the session ended while the app was open.
        ended: bool,
    },
    SignedIn(MeResponse),
    Unavailable(ApiError),
}

/// The coarse phase of the session, for switching whole views without
/// re-rendering them whenever the signed-in user's details refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionPhase {
    Checking,
    SignedOut,
    SignedIn,
    Unavailable,
}

#[derive(Debug, Clone, Copy)]
pub struct Session(RwSignal<SessionState>);

pub fn provide_session() -> Session {
    let session = Session(RwSignal::new(SessionState::Checking));
    // Embedded, the host's `init` brings the token; the check waits for it.
    if !crate::embed::is_embedded() {
        session.refresh();
    }
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn state(&self) -> SessionState {
        self.0.get()
    }

    pub fn phase(&self) -> Memo<SessionPhase> {
        let state = self.0;
        Memo::new(move |_| {
            state.with(|s| match s {
                SessionState::Checking => SessionPhase::Checking,
                SessionState::SignedOut { .. } => SessionPhase::SignedOut,
                SessionState::SignedIn(_) => SessionPhase::SignedIn,
                SessionState::Unavailable(_) => SessionPhase::Unavailable,
            })
        })
    }

    pub fn me(&self) -> Option<MeResponse> {
        self.0.with(|s| match s {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// Reads a field of the signed-in user's details, reactively.
    pub fn with_me<R>(&self, f: impl FnOnce(&MeResponse) -> R) -> Option<R> {
        self.0.with(|s| match s {
            SessionState::SignedIn(me) => Some(f(me)),
            _ => None,
        })
    }

    pub fn just_signed_out(&self) -> bool {
        self.0.with(|s| {
            matches!(
                s,
                SessionState::SignedOut {
                    just_signed_out: true,
                    ..
                }
            )
        })
    }

    /// Whether the sign-in page follows a session that ended (a 401).
    pub fn ended(&self) -> bool {
        self.0
            .with(|s| matches!(s, SessionState::SignedOut { ended: true, .. }))
    }

    /// Asks the API who is signed in.
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move {
            let mut status = endpoints::session_status().await;
            // Embedded, "not signed in" means the host's token is no longer
            // valid: ask the host for a fresh one once, as after a 401.
            if matches!(status, Ok(SessionStatus { me: None, .. }))
                && crate::embed::is_embedded()
                && crate::api::auth::refresh_token().await
            {
                status = endpoints::session_status().await;
            }
            session.set(match status {
                Ok(SessionStatus { me: Some(me), .. }) => SessionState::SignedIn(me),
                Ok(_) => SessionState::SignedOut {
                    just_signed_out: false,
                    ended: false,
                },
                Err(error) => SessionState::Unavailable(error),
            });
        });
    }

    pub fn signed_in(&self, me: MeResponse) {
        self.set(SessionState::SignedIn(me));
    }

    /// Called when any request answers 401: the session ended elsewhere.
    pub fn expired(&self) {
        self.set(SessionState::SignedOut {
            just_signed_out: false,
            ended: true,
        });
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let result = endpoints::sign_out(&IdempotencyKey::new()).await;
        // A 401 means the session was already gone: signed out either way.
        if result.is_ok() || result.as_ref().is_err_and(ApiError::is_unauthenticated) {
            self.set(SessionState::SignedOut {
                just_signed_out: true,
                ended: false,
            });
            return Ok(());
        }
        result
    }

    /// Sets the session state; when the signed-in user changes (or nobody is signed in any more),
    /// the responses shared across pages belong to someone else and are dropped.
    fn set(&self, next: SessionState) {
        let user_of = |s: &SessionState| match s {
            SessionState::SignedIn(me) => Some(me.user.id.clone()),
            _ => None,
        };
        let same_user = self.0.with_untracked(|current| {
            let before = user_of(current);
            before.is_some() && before == user_of(&next)
        });
        if !same_user {
            crate::api::shared::forget();
        }
        self.0.set(next);
    }
}
