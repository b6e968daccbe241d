//! "Embed this view": the snippets that show the current view on another site.

use crate::filter_state::use_filter_state;
use crate::links::base;
use leptos::{html, prelude::*};

/// The site's address: the canonical URL from the settings, or where it is served now.
fn site_url(canonical: &str) -> String {
    if !canonical.is_empty() {
        return format!("{}/", canonical.trim_end_matches('/'));
    }
    format!(
        "{}{}/",
        window().location().origin().unwrap_or_default(),
        base()
    )
}

#[component]
pub fn EmbedButton() -> impl IntoView {
    let data = crate::data::use_data();
    let state = use_filter_state();
    let dialog: NodeRef<html::Dialog> = NodeRef::new();
    let locked = RwSignal::new(false);
    let site = site_url(&data.site.canonical_url);
    let view_url = {
        let site = site.clone();
        move || {
            let q = state.filter.with(|f| f.to_query());
            let lock = if locked.get() { "&lock=1" } else { "" };
            if q.is_empty() {
                format!("{site}?embed=1{lock}")
            } else {
                format!("{site}?{q}&embed=1{lock}")
            }
        }
    };
    let script_snippet = {
        let site = site.clone();
        let view_url = view_url.clone();
        move || {
            format!("<div data-timeline-src=\"{}\"></div>\n<script src=\"{site}embed.js\" async></script>", view_url())
        }
    };
    let pym_snippet = {
        let view_url = view_url.clone();
        move || {
            format!("<div id=\"timeline-embed\"></div>\n<script src=\"pym.v1.min.js\"></script>\n<script>new pym.Parent(\"timeline-embed\", \"{}\", {{}});</script>", view_url())
        }
    };
    let open = move |_| {
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let copy = |text: String| move |_| crate::dom::copy_to_clipboard(&text);
    view! {
        <button class="button secondary embed-button" on:click=open>"Embed this view"</button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">"Embed this view"</h2>
            <p>"Paste this into a page of your site. The frame shows the timeline with the current filters and grows to fit its content."</p>
            <label class="check"><input type="checkbox" prop:checked=move || locked.get() on:change=move |_| locked.update(|l| *l = !*l)/>" Fix the filter (readers can search, not change it)"</label>
            <h3>"With our embed script"</h3>
            <pre><code class="snippet-script">{script_snippet.clone()}</code></pre>
            <button class="button secondary" on:click=move |ev| copy(script_snippet())(ev)>"Copy"</button>
            <h3>"With pym.js"</h3>
            <pre><code class="snippet-pym">{pym_snippet.clone()}</code></pre>
            <button class="button secondary" on:click=move |ev| copy(pym_snippet())(ev)>"Copy"</button>
            <p class="help">"Add " <code>"&open=site"</code> " to the address to open events on the full site in a new tab."</p>
            <div class="dialog-actions"><button class="button" on:click=close>"Done"</button></div>
        </dialog>
    }
}
