// The timeline's boot script, written by `timeline build` in place of Trunk's inline one
// (the page's Content-Security-Policy allows no inline script). It loads the app's
// JavaScript with a dynamic import, which, unlike a static one, can fail into a catch:
// a missing or damaged file shows an error screen with Retry in the page's #boot element
// instead of "Loading the timeline…" forever. A slow load says so after a while.
const GLUE = "__GLUE__";
const WASM = "__WASM__";
const SLOW_MS = 20000;

// The page's static first screen (#prerender, written by the build) is of the view its
// address names without a query: a filtered view, an embed or a sort shows the loading
// screen instead of a list it would replace. (The page holds rendering until this file
// starts, so the static rows are never painted there.)
if (location.search) document.getElementById("prerender")?.remove();
// The saved theme before the app starts, so that the static content does not change
// colour when the app applies it.
try {
  const theme = localStorage.getItem("timeline-theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
} catch {
  // No storage (a private window's policy): the system's theme.
}

// What the static page shows only with JavaScript (the star, copy and share buttons), and
// the share button only where the browser can share (the Web Share API: phones), marked
// before the first paint so that the app's takeover changes nothing.
document.documentElement.classList.add("js");
if (navigator.share) document.documentElement.classList.add("can-share");

// A development build's banner of the corpus's problems (`timeline build --dev-report`,
// static HTML at the end of the body): its button dismisses it.
document.querySelector(".dev-report-dismiss")?.addEventListener("click", (event) => {
  event.currentTarget.closest(".dev-report").remove();
});

const slow = setTimeout(() => {
  const text = document.querySelector("#boot.loading p");
  if (text) text.textContent = "Still loading the timeline… This is taking longer than usual; the connection may be slow.";
  // Over static content, a bar at the bottom of the window (the stylesheet's), which moves nothing.
  text?.parentElement.classList.add("slow");
}, SLOW_MS);

try {
  const bindings = await import(GLUE);
  // The static first screen is painted before the app starts (a frame at most: the files
  // are on their way meanwhile), so that the app's start, a long task on a slow phone,
  // does not hold it back.
  if (document.getElementById("prerender")) await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
  const wasm = await bindings.default({ module_or_path: WASM });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (error) {
  console.error("The timeline could not start:", error);
  showError(error);
} finally {
  clearTimeout(slow);
}

// The app's own error screen, built from DOM nodes (no inline HTML, style or handler).
function showError(error) {
  const boot = document.getElementById("boot");
  // Gone when the app started and then failed: its own screen is showing.
  if (!boot) return;
  const heading = document.createElement("h1");
  heading.textContent = "The timeline could not load";
  const message = document.createElement("p");
  message.textContent = "The app's files could not be loaded or started (" +
    (error && error.message ? error.message : String(error)) +
    "). Check the connection, then retry.";
  const retry = document.createElement("button");
  retry.className = "button";
  retry.type = "button";
  retry.textContent = "Retry";
  retry.addEventListener("click", () => location.reload());
  boot.className = "screen error";
  boot.setAttribute("role", "alert");
  boot.replaceChildren(heading, message, retry);
}
