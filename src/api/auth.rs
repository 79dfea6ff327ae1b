//! Credentials for API calls.
//!
//! Standalone, the session rides in an HttpOnly cookie and script never sees it.
//! Embedded, the host hands over a bearer token: it lives only in this module's
//! memory (never in a URL or Web Storage), and when the API rejects it the
//! registered refresher asks the host for a fresh one.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Resolves to `true` when a fresh token has arrived and the request may be retried.
pub type TokenRefresher = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = bool>>>>;

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHER: RefCell<Option<TokenRefresher>> = const { RefCell::new(None) };
}

pub fn set_bearer_token(token: Option<String>) {
    TOKEN.with(|slot| *slot.borrow_mut() = token.filter(|t| !t.is_empty()));
}

pub fn bearer_token() -> Option<String> {
    TOKEN.with(|slot| slot.borrow().clone())
}

pub fn has_bearer_token() -> bool {
    TOKEN.with(|slot| slot.borrow().is_some())
}

/// Installed by embedded mode; standalone has none (a 401 means "sign in").
pub fn set_token_refresher(refresher: Option<TokenRefresher>) {
    REFRESHER.with(|slot| *slot.borrow_mut() = refresher);
}

/// Asks for a fresh token after a 401. `false` when nobody can provide one.
pub async fn refresh_token() -> bool {
    let refresher = REFRESHER.with(|slot| slot.borrow().clone());
    match refresher {
        Some(refresh) => refresh().await,
        None => false,
    }
}
