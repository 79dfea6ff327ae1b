//! One heading and one paragraph, mounted the way the portal mounts its app.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <main>
                <h1>"Marketplace Rewards"</h1>
                <p>"The smallest Leptos client-side page, for comparison with the portal."</p>
            </main>
        }
    });
}
