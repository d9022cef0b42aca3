/**
 * What each extension context loads from the built extension: the entry's script and every chunk it imports
 * statically (followed transitively; dynamic imports are listed apart), raw and gzip -9 bytes.
 *   npx tsx scripts/build/entry-size.ts [.output/chrome-mv3]
 */
import { readFileSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? '.output/chrome-mv3';

function staticImports(file: string): string[] {
  const code = readFileSync(join(dir, file), 'utf8');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g)) out.push(normalize(join(dirname(file), m[1]!)));
  return out;
}

function closure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of staticImports(f)) visit(i);
  };
  visit(entry);
  return [...seen];
}

function entryOf(html: string): string {
  const m = /<script[^>]*src="\/?([^"]+)"/.exec(readFileSync(join(dir, html), 'utf8'));
  if (!m) throw new Error(`no script in ${html}`);
  return m[1]!;
}

const entries: Record<string, string> = { popup: entryOf('popup.html'), review: entryOf('review.html'), background: 'background.js', content: 'content-scripts/content.js', inpage: 'content-scripts/inpage.js' };
const rows = Object.entries(entries).map(([name, entry]) => {
  const files = closure(entry);
  const raw = files.reduce((s, f) => s + readFileSync(join(dir, f)).length, 0);
  const gzip = files.reduce((s, f) => s + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  return { name, raw, gzip, files };
});
console.log(JSON.stringify(rows, null, 1));
