//! One `Idempotency-Key` per user intent: created when the user starts an action
//! and reused for every retry of it, so the server applies it at most once.

/// A random key (UUID v4 from the browser's CSPRNG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn new() -> Self {
        let uuid = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|crypto| crypto.random_uuid())
            .unwrap_or_else(fallback_key);
        Self(uuid)
    }

    /// A key kept with a draft (e.g. across a reload), if it is well formed.
    pub fn restore(saved: &str) -> Option<Self> {
        let well_formed =
            (1..=255).contains(&saved.len()) && saved.bytes().all(|b| (0x21..=0x7e).contains(&b));
        well_formed.then(|| Self(saved.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// Only reached outside a browser window (never in the app); still unique per call.
fn fallback_key() -> String {
    format!(
        "k-{}-{}",
        js_sys::Date::now(),
        js_sys::Math::random().to_bits()
    )
}
