/**
 * What each extension page loads: its entry script plus every chunk it imports (transitively), raw and gzip -9.
 * `npx tsx scripts/bench/bundle-sizes.ts [.output/chrome-mv3]` after a build; prints JSON.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? '.output/chrome-mv3';

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = readFileSync(join(dir, file), 'utf8');
  for (const m of src.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) closure(posix.normalize(posix.join(dirname(file), m[1]!)), seen);
  return seen;
}

const htmlScripts = (page: string) => [...readFileSync(join(dir, `${page}.html`), 'utf8').matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
const pages: Record<string, string[]> = {
  background: ['background.js'],
  popup: htmlScripts('popup'),
  review: htmlScripts('review'),
  inpage: ['content-scripts/inpage.js'],
  content: ['content-scripts/content.js'],
};
const out: Record<string, { raw: number; gzip: number; files: string[] }> = {};
for (const [name, entries] of Object.entries(pages)) {
  const files = new Set<string>();
  for (const e of entries) for (const f of closure(e)) files.add(f);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
  }
  out[name] = { raw, gzip, files: [...files] };
}
console.log(JSON.stringify(out, null, 2));
