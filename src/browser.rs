//! The browser window, for code that also runs natively: the build's prerender step
//! (crates/prerender) renders the shell's components outside a browser, where calling into
//! JavaScript would panic. There is no window there, and these answers say so.

/// The window, or `None` outside a browser.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}
