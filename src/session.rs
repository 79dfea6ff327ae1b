//! Who is signed in. The session itself lives in an HttpOnly cookie set by the
//! API, so a reload keeps it and script never sees the token.

use std::future::Future;

use futures_util::future::{select, FutureExt};
use leptos::prelude::*;
use rewards_core::api::{MeResponse, SessionStatus};
// Not Leptos's spawner: the first check starts before the app mounts (and Leptos's executor).
use wasm_bindgen_futures::spawn_local;

use crate::api::{connectivity, early, endpoints, shared, ApiError, IdempotencyKey};

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

/// How long the app waits, before it mounts, for the first session check (and the overview it
/// asks for) to end. The answers index.html asked for are usually in before the WebAssembly
/// (cold and repeat visits alike), so the first render is then the signed-in overview with its
/// figures instead of a loading status that the build's prerendered shell already shows, and a
/// second render and layout; a slow API gets the interactive shell after this long.
const FIRST_ANSWER_WAIT_MS: u32 = 200;

/// Creates the session before the app mounts. Standalone, it asks the API at once (or adopts
/// index.html's early answers) and waits up to [`FIRST_ANSWER_WAIT_MS`] for the answer;
/// embedded, the host's `init` brings the token and starts the check.
pub async fn start() -> Session {
    let session = Session::checking();
    if !crate::embed::is_embedded() {
        let check = session
            .check_once(early::take("session"), early::take("overview"))
            .boxed_local()
            .shared();
        spawn_local(check.clone());
        let deadline = connectivity::sleep(FIRST_ANSWER_WAIT_MS)
            .boxed_local()
            .shared();
        let _ = select(check, deadline.clone()).await;
        // The overview the check asked for, so that the first render shows its figures.
        if let Some(overview) = shared::overview_in_flight() {
            let _ = select(Box::pin(overview), deadline).await;
        }
    }
    session
}

pub fn provide_session(session: Session) {
    provide_context(session);
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// A session whose check has not answered yet: what every visit shows first (the build's
    /// prerendered shell renders the app in this state).
    pub fn checking() -> Session {
        Session(RwSignal::new(SessionState::Checking))
    }

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
        spawn_local(self.check_once(None, None));
    }

    /// Asks who is signed in; the page load's first check adopts the answers index.html
    /// asked for meanwhile (`early_status`, `early_overview`: see [`early`]).
    fn check_once(
        &self,
        early_status: Option<early::Pending>,
        early_overview: Option<early::Pending>,
    ) -> impl Future<Output = ()> + 'static {
        let session = *self;
        async move {
            let mut status = endpoints::session_status(early_status).await;
            // Embedded, "not signed in" means the host's token is no longer
            // valid: ask the host for a fresh one once, as after a 401.
            if matches!(status, Ok(SessionStatus { me: None, .. }))
                && crate::embed::is_embedded()
                && crate::api::auth::refresh_token().await
            {
                status = endpoints::session_status(None).await;
            }
            // A page load that opens on a visible overview asks for its figures before the
            // shell and the page are built (the first render takes a while on a slow phone).
            if matches!(&status, Ok(SessionStatus { me: Some(me), .. }) if me.programme_visible)
                && session
                    .0
                    .with_untracked(|s| matches!(s, SessionState::Checking))
                && opens_on_overview()
            {
                shared::prefetch_overview(early_overview);
            }
            session.set(match status {
                Ok(SessionStatus { me: Some(me), .. }) => SessionState::SignedIn(me),
                Ok(_) => SessionState::SignedOut {
                    just_signed_out: false,
                    ended: false,
                },
                Err(error) => SessionState::Unavailable(error),
            });
        }
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
    /// the responses shared across pages belong to someone else and are dropped. The first
    /// check has nothing to drop but the overview it prefetched for the user it finds.
    fn set(&self, next: SessionState) {
        let user_of = |s: &SessionState| match s {
            SessionState::SignedIn(me) => Some(me.user.id.clone()),
            _ => None,
        };
        let keeps_shared = self.0.with_untracked(|current| {
            let before = user_of(current);
            matches!(current, SessionState::Checking)
                || (before.is_some() && before == user_of(&next))
        });
        if !keeps_shared {
            shared::forget();
        }
        if !crate::embed::is_embedded() {
            early::remember_for_next_load(
                matches!(&next, SessionState::SignedIn(me) if me.programme_visible),
            );
        }
        self.0.set(next);
    }
}

/// Whether the address is the overview route (before the router exists).
fn opens_on_overview() -> bool {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    crate::embed::app_route(&path, &crate::embed::router_base()) == crate::paths::OVERVIEW
}
