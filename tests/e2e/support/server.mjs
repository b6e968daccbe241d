// A static file server for the built site, like a plain static host: files as they are,
// and for any path that is not a file, `fallback`: index.html with status 200 by default
// (the rewrite rule most hosts offer), or 404.html with status 404 (a host without rewrite
// rules, like GitHub Pages). Several sites can share the one origin under their own
// prefixes (`mounts`), as GitHub Pages project sites do. Used by the end-to-end tests and
// the benchmark; serves only on 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain',
};

/**
 * Serves `root` (under the URL prefix `base`, e.g. "/timeline") on `port`, or with `mounts`
 * ([{ base: "/a", root }, …]) several sites, each under its prefix; resolves to the server.
 */
export function serve(root, port = 0, { base = '', fallback = 'index.html', mounts = [{ base, root }] } = {}) {
  const server = createServer(async (req, res) => {
    let path = new URL(req.url, 'http://x').pathname;
    try { path = decodeURIComponent(path); } catch { /* a malformed escape names no file */ }
    const mount = mounts.find((m) => m.base && (path === m.base || path.startsWith(m.base + '/'))) || mounts[0];
    const root = mount.root;
    if (mount.base && path.startsWith(mount.base)) path = path.slice(mount.base.length) || '/';
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    let target = file;
    let status = 200;
    try {
      const s = await stat(target);
      if (s.isDirectory()) target = join(target, 'index.html');
      await stat(target);
    } catch {
      target = join(root, fallback);
      if (fallback === '404.html') status = 404;
    }
    try {
      const body = await readFile(target);
      res.writeHead(status, { 'content-type': TYPES[extname(target)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  serve(root, Number(port)).then((s) => console.log(`serving ${root} on http://127.0.0.1:${s.address().port}/`));
}
