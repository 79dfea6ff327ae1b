//! Renders the shell with the app's components, natively, one locale at a time.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::prelude::*;
use leptos_i18n::context::UseLocalesOptions;
use leptos_i18n::Locale as _;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use reactive_graph::diagnostics::SpecialNonReactiveZone;
use rewards_portal::components::async_view::Loading;
use rewards_portal::components::shell::AppShell;
use rewards_portal::i18n::Locale;
use rewards_portal::session::{provide_session, Session};

/// A snapshot has no later: effects and tasks (the browser's work after the first render) are
/// dropped unrun, so the HTML is exactly the first render.
struct FirstRenderOnly;

impl CustomExecutor for FirstRenderOnly {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// `(locale tag, shell HTML)` for every locale the app has.
pub fn all_locales() -> Vec<(&'static str, String)> {
    // Ignore "already set": a second call in the same thread keeps the first executor.
    let _ = Executor::init_local_custom_executor(FirstRenderOnly);
    Locale::get_all()
        .iter()
        .map(|&locale| (locale.as_str(), shell(locale)))
        .collect()
}

/// The shell as the app renders it before the session check answers.
pub fn shell(locale: Locale) -> String {
    // The first render reads signals outside any effect on purpose (there is no later): the
    // debug build's diagnostics need not warn about each read.
    let _first_render_only = SpecialNonReactiveZone::enter();
    let owner = Owner::new();
    let html = owner.with(|| {
        // No request, so no Accept-Language: the locale is the one named.
        let no_header = UseLocalesOptions::default().ssr_lang_header_getter(|| None);
        let i18n = leptos_i18n::context::init_i18n_subcontext_with_options(
            Some(Signal::stored(locale)),
            None,
            None,
            Some(no_header),
        );
        provide_context(i18n);
        provide_session(Session::checking());
        // The address only matters to links that mark the current page; the shell has none.
        provide_context(RequestUrl::new("/"));
        view! {
            <Router>
                <AppShell>
                    <Loading />
                </AppShell>
            </Router>
        }
        .to_html()
    });
    relative_to_base(&html.replace("<!>", ""))
}

/// `<!>` marks where a list ends, for hydration; the app mounts afresh, and an empty comment
/// written that way is a parse error in HTML (removed above). In-app links become relative:
/// the base path is known only in the browser (index.html's `<base>`), so `/` must read `./`.
fn relative_to_base(html: &str) -> String {
    html.replace("href=\"/", "href=\"./")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_gets_its_own_words_and_the_same_frame() {
        let shells = all_locales();
        assert_eq!(shells.len(), 5);
        let (_, english) = &shells[0];
        let (_, dutch) = shells.iter().find(|(tag, _)| *tag == "nl").unwrap();
        assert!(
            english.contains("Loading") && dutch.contains("Laden"),
            "{dutch}"
        );
        for (tag, html) in &shells {
            for part in [
                "class=\"skip-link\"",
                "<header class=\"shell__header\"",
                "<main id=\"main\"",
            ] {
                assert!(html.contains(part), "{tag}: no {part}");
            }
            assert!(
                !html.contains("href=\"/") && !html.contains("<!>"),
                "{tag}: {html}"
            );
            // No account yet: the session check has not answered.
            assert!(!html.contains("account"), "{tag}: {html}");
        }
    }
}
