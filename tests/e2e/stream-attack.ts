import type { Frame, Page } from 'playwright-core';
import type { Surface } from './driver';

/**
 * A page that goes around `window.ethereum`, as a drainer kit would: JSON-RPC posted straight onto MetaMask's page
 * streams, a provider object it builds itself on them, and MetaMask's multichain API over chrome.runtime.connect.
 * Installed into the page's own world (a string, so nothing of the test's bundler leaks in). Every answer MetaMask
 * (or Preflight in MetaMask's name) posts back is collected in `__attack.answers[id]`.
 */
const SCRIPT = `(() => {
  if (window.__attack) return;
  const STREAMS = {
    provider: ['metamask-contentscript', 'metamask-provider'],
    legacy: ['contentscript', 'provider'],
  };
  const answers = {};
  let seq = 1;
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || (d.target !== 'metamask-inpage' && d.target !== 'inpage') || !d.data || typeof d.data !== 'object') return;
    const list = Array.isArray(d.data.data) ? d.data.data : [d.data.data];
    for (const a of list) if (a && typeof a === 'object' && a.id !== undefined && ('result' in a || 'error' in a)) (answers[a.id] = answers[a.id] || []).push({ result: a.result, error: a.error && { code: a.error.code, message: a.error.message } });
  });
  const post = (stream, method, params) => {
    const [target, name] = STREAMS[stream];
    const id = 'atk-' + seq++ + '-' + Math.random().toString(36).slice(2, 8);
    if (stream === 'legacy') window.postMessage({ target, data: 'ACK' }, location.origin); // opens the legacy stream
    window.postMessage({ target, data: { name, data: { jsonrpc: '2.0', id, method, params } } }, location.origin);
    window.__attack.postedAt[id] = Date.now();
    return id;
  };
  // A provider the page builds itself on MetaMask's stream (what @metamask/providers does over a WindowPostMessageStream).
  const provider = {
    request({ method, params }) {
      const id = post('provider', method, params);
      return new Promise((resolve, reject) => {
        const poll = () => {
          const a = answers[id] && answers[id][0];
          if (!a) return setTimeout(poll, 20);
          if (a.error) reject(Object.assign(new Error(a.error.message), { code: a.error.code }));
          else resolve(a.result);
        };
        poll();
      });
    },
  };
  // MetaMask's multichain API from the page (externally_connectable).
  const caip = { port: null, answers: {}, seq: 1,
    connect(extensionId) {
      this.port = chrome.runtime.connect(extensionId);
      this.port.onMessage.addListener((m) => { if (m && m.data && m.data.id !== undefined) (this.answers[m.data.id] = this.answers[m.data.id] || []).push({ result: m.data.result, error: m.data.error && { code: m.data.error.code, message: m.data.error.message } }); });
    },
    call(method, params) { const id = this.seq++; this.port.postMessage({ type: 'caip-348', data: { jsonrpc: '2.0', id, method, params } }); return id; },
  };
  window.__attack = { post, provider, caip, answers, postedAt: {}, bannerAt: [] };
  // When Preflight's bypass banner appears (its host element is in the page's DOM; its text is in a closed shadow root).
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'PREFLIGHT-BANNER' && n.getAttribute('data-kind') === 'bypass') window.__attack.bannerAt.push(Date.now());
  }).observe(document.documentElement, { childList: true, subtree: true });
})();`;

/** A Playwright page or frame, or a document through the browser-neutral driver (tests/e2e/driver). */
type Target = Page | Frame | Surface;
const doc = (t: Target) => t as unknown as Surface;

export async function installAttack(target: Target): Promise<void> {
  await doc(target).evaluate(SCRIPT);
}

export interface Answer {
  result?: unknown;
  error?: { code: number; message: string };
}

export const post = (target: Target, stream: 'provider' | 'legacy', method: string, params: unknown): Promise<string> =>
  doc(target).evaluate(([s, m, p]) => (window as unknown as { __attack: { post(s: string, m: string, p: unknown): string } }).__attack.post(s, m, p), [stream, method, params] as const);

export const answersFor = (target: Target, id: string | number, where: 'stream' | 'caip' = 'stream'): Promise<Answer[]> =>
  doc(target).evaluate(
    ([i, w]) => {
      const a = (window as unknown as { __attack: { answers: Record<string, Answer[]>; caip: { answers: Record<string, Answer[]> } } }).__attack;
      return (w === 'caip' ? a.caip.answers : a.answers)[i] ?? [];
    },
    [id, where] as const,
  );

/** Waits until the page has an answer for this id. */
export async function answerFor(target: Target, id: string | number, where: 'stream' | 'caip' = 'stream', timeoutMs = 60_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await answersFor(target, id, where);
    if (list[0]) return list[0];
    if (Date.now() > deadline) throw new Error(`no answer for ${id} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a request on the page-built provider; read its outcome with `providerOutcome`. */
export const providerRequest = (target: Page | Frame, method: string, params: unknown): Promise<void> =>
  target.evaluate(
    ([m, p]) => {
      const w = window as unknown as { __attack: { provider: { request(a: object): Promise<unknown> } }; __outcome?: unknown };
      w.__outcome = undefined;
      w.__attack.provider.request({ method: m, params: p }).then(
        (result) => (w.__outcome = { result }),
        (e: { code?: number; message?: string }) => (w.__outcome = { error: { code: e.code, message: e.message } }),
      );
    },
    [method, params] as const,
  );

export async function providerOutcome(target: Page | Frame, timeoutMs = 60_000): Promise<Answer> {
  const handle = await target.waitForFunction(() => (window as unknown as { __outcome?: unknown }).__outcome, undefined, { timeout: timeoutMs, polling: 50 });
  return (await handle.jsonValue()) as Answer;
}

/** When each bypass banner appeared (page clock), and when each request was posted. */
export const timings = (target: Page | Frame): Promise<{ postedAt: Record<string, number>; bannerAt: number[] }> =>
  target.evaluate(() => {
    const a = (window as unknown as { __attack: { postedAt: Record<string, number>; bannerAt: number[] } }).__attack;
    return { postedAt: a.postedAt, bannerAt: a.bannerAt };
  });
