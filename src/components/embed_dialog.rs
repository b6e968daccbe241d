//! "Embed this view": the snippets that show the current view on another site.

use crate::dom::clicked;
use crate::filter_state::use_filter_state;
use crate::links::base;
use leptos::{html, prelude::*};
use timeline_bundle::html::push_escaped;

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

/// The two snippets for the view at `view_url`: our embed script's and pym.js's.
fn snippets(site: &str, view_url: &str) -> [String; 2] {
    [
        ["<div data-timeline-src=\"", view_url, "\"></div>\n<script src=\"", site, "embed.js\" async></script>"].concat(),
        ["<div id=\"timeline-embed\"></div>\n<script src=\"pym.v1.min.js\"></script>\n<script>new pym.Parent(\"timeline-embed\", \"", view_url, "\", {});</script>"].concat(),
    ]
}

#[component]
pub fn EmbedButton() -> impl IntoView {
    let data = crate::data::use_data();
    let state = use_filter_state();
    let dialog: NodeRef<html::Dialog> = NodeRef::new();
    let locked = RwSignal::new(false);
    let site = site_url(&data.site.canonical_url);
    let current = move || {
        let q = state.filter.with(|f| f.to_query());
        let lock = if locked.get() { "&lock=1" } else { "" };
        let view_url = if q.is_empty() {
            [&site, "?embed=1", lock].concat()
        } else {
            [&site, "?", &q, "&embed=1", lock].concat()
        };
        snippets(&site, &view_url)
    };
    // The dialog's inside, as one piece of markup: written anew when the view or the lock
    // changes (the field keeps the focus: `dom::clicked`).
    let inner = {
        let current = current.clone();
        Memo::new(move |_| {
            let [script, pym] = current();
            let mut h = String::from(
                "<h2 id=\"embed-title\">Embed this view</h2><p>Paste this into a page of your site. \
                 The frame shows the timeline with the current filters and grows to fit its \
                 content.</p><label class=\"check\"><input type=\"checkbox\" data-lock",
            );
            if locked.get() {
                h.push_str(" checked");
            }
            h.push_str(
                "> Fix the filter (readers can search, not change it)</label><h3>With our embed \
                 script</h3><pre><code class=\"snippet-script\">",
            );
            push_escaped(&mut h, &script);
            h.push_str(
                "</code></pre><button class=\"button secondary\" data-copy=\"0\">Copy the script code</button>\
                 <h3>With pym.js</h3><pre><code class=\"snippet-pym\">",
            );
            push_escaped(&mut h, &pym);
            h.push_str(
                "</code></pre><button class=\"button secondary\" data-copy=\"1\">Copy the pym.js code</button>\
                 <p class=\"help\">Add <code>&amp;open=site</code> to the address to open events on \
                 the full site in a new tab.</p><p class=\"embed-status\" role=\"status\"></p>\
                 <div class=\"dialog-actions\"><button \
                 class=\"button\" data-done>Done</button></div>",
            );
            h
        })
    };
    let open = move |_| {
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(which) = clicked(&ev, "data-copy") {
            let snippet = current().into_iter().nth(usize::from(which == "1"));
            crate::dom::copy_to_clipboard(&snippet.unwrap_or_default());
            // Said inside the dialog: a modal dialog makes the rest of the page inert, the
            // page's status region with it.
            if let Some(status) = dialog
                .get_untracked()
                .and_then(|d| d.query_selector(".embed-status").ok().flatten())
            {
                status.set_text_content(Some(if which == "1" {
                    "Copied the pym.js code."
                } else {
                    "Copied the script code."
                }));
            }
        } else if clicked(&ev, "data-done").is_some() {
            if let Some(d) = dialog.get_untracked() {
                d.close();
            }
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        if clicked(&ev, "data-lock").is_some() {
            locked.set(event_target_checked(&ev));
        }
    };
    view! {
        <button class="button secondary embed-button" on:click=open>"Embed this view"</button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title" inner_html=inner
            on:click=on_click on:change=on_change></dialog>
    }
}
