//! The permalink page of one event.

use crate::components::search_box_standalone::StandaloneSearch;
use crate::data::details::{EventDetails, Loaded};
use crate::data::{use_data, Data};
use crate::links::{event_href, href, href_with_filter, narrowing, Narrowing};
use leptos::prelude::*;
use timeline_bundle::facet::EventValues;
use timeline_bundle::{Event, Facet, Filter, PartialDate};

/// The page of the event `id` (the router decoded it once: `%24` is `$`, as the links
/// were encoded).
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let data = use_data();
    match data.events.iter().position(|e| e.id == id) {
        Some(i) => view! { <EventView data=data.clone() index=i/> }.into_any(),
        None => view! { <UnknownEvent id/> }.into_any(),
    }
}

#[component]
fn EventView(data: Data, index: usize) -> impl IntoView {
    let e: Event = data.events[index].clone();
    document().set_title(&format!("{} · {}", e.title, data.site.title));
    window().scroll_to_with_x_and_y(0.0, 0.0);
    let url = window().location().href().unwrap_or_default();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        crate::dom::copy_to_clipboard(&url);
        copied.set(true);
        set_timeout(
            move || copied.try_set(false).map_or((), |_| ()),
            std::time::Duration::from_millis(2000),
        );
    };
    // The facets an event page lists, each value linking to its own timeline.
    let term_lists: Vec<(Facet, Vec<(String, Narrowing)>)> = Facet::ALL
        .into_iter()
        .filter(|f| f.multi_valued())
        .map(|facet| {
            let terms = facet.terms(&data);
            let links = EventValues::of(&e)
                .get(facet)
                .iter()
                .map(|&t| {
                    let term = &terms[t as usize];
                    (
                        term.label.clone(),
                        narrowing("/", &Filter::only(facet, &term.key)),
                    )
                })
                .collect::<Vec<_>>();
            (facet, links)
        })
        .filter(|(_, links)| !links.is_empty())
        .collect();
    let links = |list: Vec<(String, Narrowing)>| {
        list.into_iter()
            .map(
                |(label, link)| view! { <li><a href=link.href target=link.target>{label}</a></li> },
            )
            .collect_view()
    };
    // In a locked embed the neighbours and related events come from the lock's filter.
    let shown = within_lock(&data);
    let may_show = |i: usize| shown.as_ref().is_none_or(|s| s[i]);
    let neighbour = |i: usize| (data.events[i].id.clone(), data.events[i].title.clone());
    let prev = (0..index).rev().find(|&i| may_show(i)).map(neighbour);
    let next = (index + 1..data.events.len())
        .find(|&i| may_show(i))
        .map(neighbour);
    let related: Vec<(String, String, String)> = related(&data, index, 5, may_show)
        .into_iter()
        .map(|i| {
            (
                data.events[i].id.clone(),
                data.events[i].date.human(),
                data.events[i].title.clone(),
            )
        })
        .collect();
    let status = e.status.map(|s| data.statuses[s as usize].label.clone());
    let year = PartialDate::year(e.date.year);
    let year_link = narrowing(
        "/",
        &Filter {
            from: Some(year),
            to: Some(year),
            ..Filter::default()
        },
    );
    // The rest of the page is in the event's details chunk: the core's fields show at
    // once, the chunk's where they belong as soon as it has arrived.
    data.details.open(index);
    let chunks = data.details.clone();
    let details = move || match chunks.get(index) {
        Loaded::Ready(d) => Some(d),
        Loaded::Loading | Loaded::Failed(_) => None,
    };
    let chunks = data.details.clone();
    let main = move || match chunks.get(index) {
        Loaded::Ready(d) => view! { <DetailsMain d/> }.into_any(),
        Loaded::Loading => view! {
            <div class="details-loading" role="status">
                <div class="spinner" aria-hidden="true"></div>
                <p>"Loading the event’s text and sources…"</p>
            </div>
        }
        .into_any(),
        Loaded::Failed(why) => {
            let chunks = chunks.clone();
            view! {
                <div class="details-error" role="alert">
                    <p>{format!("The event’s text and sources could not be loaded ({why}).")}</p>
                    <button class="button" on:click=move |_| chunks.open(index)>"Retry"</button>
                </div>
            }
            .into_any()
        }
    };
    let site = data.site.clone();
    let id = e.id.clone();
    let location = details.clone();
    let extra = details.clone();
    let actions = move || {
        let d = details()?;
        let file = d.file_name(&id);
        let fill = |template: &str| timeline_bundle::link::fill_template(template, &id, &file);
        let edit = (!site.edit_url.is_empty()).then(|| fill(&site.edit_url));
        let report = (!site.report_url.is_empty()).then(|| fill(&site.report_url));
        (edit.is_some() || report.is_some()).then(|| view! {
            <p class="event-actions">
                {edit.map(|u| view! { <a href=u rel="noopener" target="_blank">"Edit this event"</a> })}
                {report.map(|u| view! { <a href=u rel="noopener" target="_blank">"Report a problem"</a> })}
            </p>
        })
    };
    view! {
        <article class="event-page">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <a href=href_with_filter("/", &Filter::default())>"Timeline"</a>
                <span aria-hidden="true">" / "</span>
                <a href=year_link.href target=year_link.target>{e.date.year}</a>
            </nav>
            <header class="event-header">
                <p class="event-date"><time datetime=e.date.to_string()>{e.date.human()}</time></p>
                <h1>{e.title.clone()}</h1>
                <div class="event-facts">
                    {e.importance.map(|i| view! { <span class=format!("importance imp-{i}")>{format!("Importance {i}/10")}</span> })}
                    {status.map(|s| view! { <span class="status">{s}</span> })}
                    {move || location().and_then(|d| d.location.clone()).map(|l| view! { <span class="location">"📍 " {l}</span> })}
                    <button class="button secondary copy-link" on:click=copy>{move || if copied.get() { "Link copied" } else { "Copy link" }}</button>
                </div>
            </header>
            {main}
            <section class="event-terms">
                {term_lists.into_iter().map(|(facet, list)| view! {
                    <div><h2>{facet.title()}</h2><ul class="term-list">{links(list)}</ul></div>
                }).collect_view()}
            </section>
            {move || extra().map(|d| view! { <DetailsExtra d/> })}
            {(!related.is_empty()).then(|| view! {
                <section class="related">
                    <h2>"Related events"</h2>
                    <ul>{related.into_iter().map(|(id, date, title)| {
                        view! { <li><a href=event_href(&id)><time>{date}</time><span>{title}</span></a></li> }
                    }).collect_view()}</ul>
                </section>
            })}
            <nav class="prev-next" aria-label="Earlier and later events">
                {prev.map(|(id, title)| view! { <a href=event_href(&id) class="prev" rel="prev"><span>"← Earlier"</span><strong>{title}</strong></a> })}
                {next.map(|(id, title)| view! { <a href=event_href(&id) class="next" rel="next"><span>"Later →"</span><strong>{title}</strong></a> })}
            </nav>
            {actions}
            <p class="event-id">"Id: " <code>{e.id.clone()}</code></p>
        </article>
    }
}

/// The summary, the body and the sources, from the details chunk.
#[component]
fn DetailsMain(d: EventDetails) -> impl IntoView {
    view! {
        {(!d.summary_html.is_empty()).then(|| view! { <div class="event-summary prose" inner_html=d.summary_html.clone()></div> })}
        {(!d.body_html.is_empty()).then(|| view! { <div class="event-body prose" inner_html=d.body_html.clone()></div> })}
        {(!d.sources.is_empty()).then(|| view! {
            <section class="event-sources">
                <h2>{format!("Sources ({})", d.sources.len())}</h2>
                <ol>
                    {d.sources.iter().map(|s| {
                        let title = s.title.clone().or(s.url.clone()).or(s.unlinked_url.clone()).unwrap_or_else(|| "Untitled source".into());
                        view! {
                            <li class="source">
                                {match s.url.clone() {
                                    Some(u) => view! { <a href=u rel="noopener noreferrer nofollow" target="_blank">{title}</a> }.into_any(),
                                    None => view! { <span class="source-title">{title}</span> }.into_any(),
                                }}
                                <span class="source-meta">
                                    {s.outlet.clone().map(|o| view! { <span class="outlet">{o}</span> })}
                                    {s.author.clone().map(|a| view! { <span>{a}</span> })}
                                    {s.date.clone().map(|d| view! { <span>{d}</span> })}
                                    {s.tier.map(|t| view! { <span class=format!("tier tier-{t}")>{format!("Tier {t}")}</span> })}
                                    {s.archive_url.clone().map(|a| view! { <a href=a rel="noopener noreferrer nofollow" target="_blank">"Archived copy"</a> })}
                                    {s.unlinked_url.clone().filter(|_| s.title.is_some()).map(|u| view! { <span class="unlinked" title="Not a web address; not linked">{u}</span> })}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}
    }
}

/// "More fields": notes, patterns and the fields the model has no place for.
#[component]
fn DetailsExtra(d: EventDetails) -> impl IntoView {
    (!d.extra.is_empty() || d.notes.is_some() || !d.patterns.is_empty()).then(|| view! {
        <details class="event-extra">
            <summary>"More fields"</summary>
            <dl>
                {d.notes.clone().map(|n| view! { <dt>"notes"</dt><dd>{n}</dd> })}
                {(!d.patterns.is_empty()).then(|| view! { <dt>"patterns"</dt><dd>{d.patterns.join(", ")}</dd> })}
                {d.extra.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}
            </dl>
        </details>
    })
}

/// In a locked embed, which events its filter shows (by event number); `None` elsewhere.
fn within_lock(data: &Data) -> Option<Vec<bool>> {
    let lock = crate::embed::embed().locked.as_ref()?;
    let (resolved, _) = timeline_bundle::Resolved::new(lock, data);
    let outcome = timeline_bundle::evaluate(data, &resolved, None, timeline_bundle::Sort::Asc);
    let mut shown = vec![false; data.events.len()];
    for e in outcome.events {
        shown[e as usize] = true;
    }
    Some(shown)
}

/// Events sharing the most actors (weighted double) and tags with event `index`, among
/// those `may_show` allows.
fn related(data: &Data, index: usize, n: usize, may_show: impl Fn(usize) -> bool) -> Vec<usize> {
    let e = &data.events[index];
    let mut scored: Vec<(u32, usize)> = data
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index && may_show(*i))
        .filter_map(|(i, o)| {
            let actors = o.actors.iter().filter(|a| e.actors.contains(a)).count() as u32;
            let tags = o.tags.iter().filter(|t| e.tags.contains(t)).count() as u32;
            let score = actors * 2 + tags;
            (score >= 2).then_some((score, i))
        })
        .collect();
    timeline_bundle::order::sort_items(&mut scored, &|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
}

#[component]
fn UnknownEvent(id: String) -> impl IntoView {
    document().set_title("Event not found");
    let guess: String = id
        .split("--")
        .last()
        .unwrap_or(&id)
        .replace(['-', '_'], " ");
    view! {
        <div class="not-found">
            <h1>"No event with this id"</h1>
            <p>"The link may be mistyped, or the event was renamed or removed. The id asked for was:"</p>
            <p><code>{id}</code></p>
            <StandaloneSearch initial=guess/>
            <p><a href=href("/")>"Back to the timeline"</a></p>
        </div>
    }
}
