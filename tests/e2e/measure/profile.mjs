// Profiles filter/search updates with the DevTools protocol: where the time goes.
// node tests/e2e/measure/profile.mjs SITE_DIR
import { openHome } from '../support/lib.mjs';
const [site = 'target/e2e/site'] = process.argv.slice(2);
const { browser, server, page } = await openHome(site);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const t0 = Date.now();
// PROFILE_PHRASES="t" profiles just those keystrokes (e.g. the first one after loading).
for (const phrase of (process.env.PROFILE_PHRASES || 'trump tower,russia sanction,supreme court').split(',')) {
  for (let i = 1; i <= phrase.length; i++) {
    await page.evaluate(async (v) => {
      const el = document.querySelector('#search');
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      void document.body.offsetHeight;
    }, phrase.slice(0, i));
  }
}
const { profile } = await cdp.send('Profiler.stop');
console.log('wall', Date.now() - t0, 'ms');
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000);
});
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
// Inclusive time of the app's functions (demangled names when the build keeps them).
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const name = byId.get(cur).callFrame.functionName;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    incl.set(name, (incl.get(name) || 0) + (dt[i] || 0) / 1000);
  }
});
console.log('--- inclusive');
[...incl.entries()].filter(([k]) => new RegExp(process.env.PROFILE_MATCH || 'timeline_').test(k)).sort((a, b) => b[1] - a[1]).slice(0, 60).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k.slice(0, 160)));
await browser.close();
server.close();
// Who calls a given function (PROFILE_CALLERS=name): the inclusive time of each caller chain.
if (process.env.PROFILE_CALLERS) {
  const chains = new Map();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (n.callFrame.functionName !== process.env.PROFILE_CALLERS) return;
    const names = [];
    for (let cur = parent.get(id); cur !== undefined && names.length < 12; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame.functionName;
      if (f) names.push(f.replace(/::h[0-9a-f]{16}$/, '').slice(-70));
    }
    const key = names.join('\n      <- ');
    chains.set(key, (chains.get(key) || 0) + (dt[i] || 0) / 1000);
  });
  [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
}
// What a given function spends its time in (PROFILE_CALLEES=substring): inclusive time of
// its direct callees.
if (process.env.PROFILE_CALLEES) {
  const under = new Map();
  profile.samples.forEach((id, i) => {
    let child = id;
    for (let cur = id; cur !== undefined; child = cur, cur = parent.get(cur)) {
      if (byId.get(cur).callFrame.functionName.includes(process.env.PROFILE_CALLEES)) {
        const f = cur === child ? '(self)' : byId.get(child).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(-110);
        under.set(f, (under.get(f) || 0) + (dt[i] || 0) / 1000);
        break;
      }
    }
  });
  [...under.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
}
// Self time attributed to the nearest frame of the app's own code (PROFILE_OWNER=1): which
// component's closures the reactive system and the DOM calls were working for.
if (process.env.PROFILE_OWNER) {
  const owner = new Map();
  profile.samples.forEach((id, i) => {
    let who = '(no app frame)';
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame.functionName;
      if (f.startsWith('timeline_viewer::') || f.startsWith('timeline_bundle::')) { who = f.replace(/::h[0-9a-f]{16}$/, ''); break; }
      if (f === '(idle)' || f === '(program)' || f === '(garbage collector)') { who = f; break; }
    }
    owner.set(who, (owner.get(who) || 0) + (dt[i] || 0) / 1000);
  });
  [...owner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k.slice(0, 140)));
}
// Time by the first two frames under the root (PROFILE_ROOTS=1): which kind of task it was.
if (process.env.PROFILE_ROOTS) {
  const roots = new Map();
  profile.samples.forEach((id, i) => {
    const chain = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) chain.push(byId.get(cur).callFrame.functionName || '(anon)');
    chain.reverse();
    const key = chain.slice(1, 4).map((f) => f.replace(/::h[0-9a-f]{16}$/, '').slice(-60)).join(' > ');
    roots.set(key, (roots.get(key) || 0) + (dt[i] || 0) / 1000);
  });
  [...roots.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
}
// The call tree below frames matching PROFILE_TREE (a substring), merged by name, children
// over 2% of the total shown, to depth 14.
if (process.env.PROFILE_TREE) {
  const tree = { name: 'root', t: 0, kids: new Map() };
  const short = (f) => f.replace(/::h[0-9a-f]{16}$/, '').replace(/reactive_graph::|tachys::|core::|alloc::/g, '').slice(-90);
  profile.samples.forEach((id, i) => {
    const chain = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) chain.push(byId.get(cur).callFrame.functionName || '(anon)');
    chain.reverse();
    const at = chain.findIndex((f) => f.includes(process.env.PROFILE_TREE));
    if (at < 0) return;
    let node = tree;
    node.t += dt[i] / 1000 || 0;
    for (const f of chain.slice(at + 1)) {
      const k = short(f);
      if (!node.kids.has(k)) node.kids.set(k, { name: k, t: 0, kids: new Map() });
      node = node.kids.get(k);
      node.t += dt[i] / 1000 || 0;
    }
  });
  const print = (n, depth) => {
    if (depth > 14) return;
    for (const k of [...n.kids.values()].sort((a, b) => b.t - a.t)) {
      if (k.t < tree.t * 0.02) continue;
      console.log(`${k.t.toFixed(1).padStart(7)} ${'  '.repeat(depth)}${k.name}`);
      print(k, depth + 1);
    }
  };
  console.log(`${tree.t.toFixed(1)} under ${process.env.PROFILE_TREE}`);
  print(tree, 0);
}
