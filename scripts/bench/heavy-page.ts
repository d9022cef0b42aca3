/**
 * A heavy dApp-like page for the page-load benchmark (`npm run bench -- --only load`), built here so the figure can be
 * reproduced: what a large dApp front end puts in front of its load event, in the proportions such pages have.
 * - 40 classic scripts of ~25 kB each (a code-split bundle: functions, object literals, a little work at evaluation),
 *   one of them an EIP-6963 `requestProvider` dispatch and `window.ethereum` probe, the way dApps look for a wallet;
 * - a token table of 2,000 rows × 6 cells and a 200-card grid (~17,000 elements), with a 400-rule stylesheet;
 * - 4 same-origin iframes (a chart, a widget, two trackers): the extension's content scripts run in every frame.
 * Deterministic (no randomness): the same page on every run.
 */
import { createServer, type Server } from 'node:http';

const SCRIPTS = 40;
const FRAMES = 4;

function script(i: number): string {
  const fns: string[] = [];
  for (let f = 0; f < 60; f++) {
    fns.push(`function m${i}_${f}(a, b) { const o = { id: ${f}, name: 'module ${i} fn ${f}', values: [${Array.from({ length: 12 }, (_, k) => (k * 7 + f) % 97).join(',')}] };
  let s = 0; for (let k = 0; k < o.values.length; k++) s += o.values[k] * (a || 1) + (b || 0);
  return { ...o, s, label: o.name.toUpperCase() + ':' + s.toString(16) }; }`);
  }
  const table = Array.from({ length: 60 }, (_, f) => `m${i}_${f}`).join(',');
  return `(function(){ 'use strict';
${fns.join('\n')}
var fns = [${table}], acc = 0;
for (var r = 0; r < 200; r++) acc += fns[r % 60](r, ${i}).s;
window.__chunks = (window.__chunks || 0) + 1; window.__acc = (window.__acc || 0) + acc;
})();`;
}

const WALLET_PROBE = `(function(){
  window.addEventListener('eip6963:announceProvider', function (e) { window.__wallets = (window.__wallets || 0) + 1; });
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  window.__hasEthereum = typeof window.ethereum === 'object';
})();`;

function css(): string {
  const rules: string[] = [];
  for (let i = 0; i < 400; i++) rules.push(`.c${i} { color: hsl(${(i * 37) % 360} 60% 40%); padding: ${i % 7}px ${i % 5}px; border-left: ${i % 3}px solid #ccc; }`);
  rules.push('table { border-collapse: collapse; font: 13px system-ui; } td { padding: 2px 6px; border-bottom: 1px solid #eee; }');
  rules.push('.grid { display: grid; grid-template-columns: repeat(8, 1fr); gap: 8px; } .card { border: 1px solid #ddd; border-radius: 8px; padding: 8px; }');
  return rules.join('\n');
}

function body(): string {
  const rows: string[] = [];
  for (let r = 0; r < 2000; r++) {
    rows.push(`<tr class="c${r % 400}"><td>${r + 1}</td><td>TKN${r}</td><td>0x${(r * 2654435761 >>> 0).toString(16).padStart(8, '0')}…</td><td>${(r * 13.37).toFixed(2)}</td><td>${((r * 7) % 100) - 50}%</td><td><button>Trade</button></td></tr>`);
  }
  const cards: string[] = [];
  for (let c = 0; c < 200; c++) cards.push(`<div class="card c${c}"><h4>Pool ${c}</h4><p>TVL $${(c * 12345) % 999999}</p><span>APR ${(c % 40) + 1}%</span></div>`);
  const frames = Array.from({ length: FRAMES }, (_, i) => `<iframe src="/heavy/frame-${i}.html" width="300" height="${i < 2 ? 200 : 1}" title="f${i}"></iframe>`).join('');
  return `<header><h1>Heavy dApp</h1><nav>${Array.from({ length: 30 }, (_, i) => `<a href="#s${i}">Section ${i}</a>`).join(' ')}</nav></header>
<main><section class="grid">${cards.join('')}</section>${frames}<table><tbody>${rows.join('')}</tbody></table></main>`;
}

/** The page and its parts, by path. */
export function heavyPageFiles(): Record<string, { type: string; body: string }> {
  const files: Record<string, { type: string; body: string }> = {};
  const scripts = Array.from({ length: SCRIPTS }, (_, i) => `<script src="/heavy/chunk-${i}.js"></script>`).join('\n');
  files['/heavy/'] = {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Heavy dApp</title><link rel="stylesheet" href="/heavy/app.css">
<script src="/heavy/wallet-probe.js"></script>
${scripts}</head><body>${body()}</body></html>`,
  };
  files['/heavy/app.css'] = { type: 'text/css', body: css() };
  files['/heavy/wallet-probe.js'] = { type: 'text/javascript', body: WALLET_PROBE };
  for (let i = 0; i < SCRIPTS; i++) files[`/heavy/chunk-${i}.js`] = { type: 'text/javascript', body: script(i) };
  for (let i = 0; i < FRAMES; i++) {
    files[`/heavy/frame-${i}.html`] = { type: 'text/html; charset=utf-8', body: `<!doctype html><html><body><div>${'<span>·</span>'.repeat(200)}</div><script>window.__frame=${i};</script></body></html>` };
  }
  return files;
}

/** A light page too (a plain article, no wallet use): for the "nothing loaded on pages that never ask" check. */
export const PLAIN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body><article><h1>An article</h1>${'<p>Plain text that never asks a wallet for anything.</p>'.repeat(50)}</article></body></html>`;

/** Serves the heavy page (and `/plain/`) on 127.0.0.1, a random port. */
export async function serveHeavyPage(): Promise<{ url: string; plainUrl: string; close(): Promise<void> }> {
  const files = heavyPageFiles();
  files['/plain/'] = { type: 'text/html; charset=utf-8', body: PLAIN_PAGE };
  const server: Server = createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!f) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', f.type);
    res.setHeader('cache-control', 'max-age=3600');
    res.end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return { url: `${base}/heavy/`, plainUrl: `${base}/plain/`, close: () => new Promise((r) => server.close(() => r())) };
}
