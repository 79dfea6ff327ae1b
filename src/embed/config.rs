//! Loads `config.json`, deployed next to `index.html` so one build serves
//! several environments. A missing file means the defaults: the API on this
//! origin, no embedding hosts.

use crate::api::early;
use gloo_net::http::Request;
use rewards_core::embed::RuntimeConfig;

/// Relative, so it resolves against the base path (a sub-path on a CDN).
const CONFIG_URL: &str = "config.json";

thread_local! {
    static CURRENT: std::cell::RefCell<RuntimeConfig> = std::cell::RefCell::new(RuntimeConfig::default());
}

/// The configuration in effect (the defaults until [`load`] has run).
pub fn current() -> RuntimeConfig {
    CURRENT.with(|c| c.borrow().clone())
}

/// Fetches the configuration and makes it [`current`].
pub async fn load() -> RuntimeConfig {
    let config = fetch().await;
    CURRENT.with(|c| *c.borrow_mut() = config.clone());
    config
}

/// index.html's early request when it arrived, else a new one.
async fn fetch() -> RuntimeConfig {
    let sent = match early::response(early::take("config")).await {
        Some(response) => Ok(response),
        None => Request::get(CONFIG_URL).send().await,
    };
    // A failed request or an error status (404: no file deployed) means the defaults.
    let Some(response) = sent.ok().filter(|response| response.ok()) else {
        return RuntimeConfig::default();
    };
    match response
        .text()
        .await
        .map(|text| RuntimeConfig::parse(&text))
    {
        Ok(Ok(config)) => config,
        _ => {
            web_sys::console::warn_1(&"config.json is not valid; using the defaults".into());
            RuntimeConfig::default()
        }
    }
}
