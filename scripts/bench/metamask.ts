/**
 * `npm run bench -- --only metamask [--n 30] [--warmup 2] [--lock FILE] [--dir BUILD]`: the time Preflight adds before the real MetaMask (13.5.0, vendored)
 * shows its confirmation, measured in one run on one devnet:
 *   (a) MetaMask alone (Preflight not loaded) and (b) Preflight in front, Continue clicked the moment the verdict shows,
 * for each kind of request: from the dApp's request() call to MetaMask's window opening and to its confirmation
 * being visible (the confirm button rendered, what the user acts on); plus, in (b), Preflight's verdict time
 * (request() to the verdict rendered in the panel, its `preflight:verdict` mark). The two sides alternate request by request, so drift in machine load
 * hits both alike. Each MetaMask prompt is cancelled (nothing is signed or mined). With `--lock FILE`, each kind's
 * measurements run holding flock(1) on FILE (onboarding, untimed, does not), to keep other heavy jobs off the CPU.
 * `--dir BUILD` loads Preflight from a copy of the build (so a rebuild during the long run cannot change it).
 */
import type { Page } from 'playwright-core';
import { startDevnet } from '../devnet/index';
import { METAMASK_ID, startMetaMaskWorld, type MetaMaskWorld } from '../../tests/e2e/metamask-harness';
import { reviewFrame } from '../../tests/e2e/harness';
import { withLock } from './phase-lock';
import { summarize } from './stats';

/** The demo dApp's cases measured: a SIWE personal_sign, an ETH transfer, an EIP-2612 permit (typed data v4). */
const KINDS = { personal_sign: 'personal-sign-siwe', eth_sendTransaction: 'eth-transfer', eth_signTypedData_v4: 'permit' } as const;
type Kind = keyof typeof KINDS;

interface Sample {
  windowMs: number;
  visibleMs: number;
  verdictMs?: number;
}

const isNotification = (p: Page) => p.url().startsWith(`chrome-extension://${METAMASK_ID}/notification.html`);

/** Issues one request from the page; returns request() time on the page's clock (the machine's wall clock). */
async function issue(page: Page, name: string): Promise<number> {
  return page.evaluate(async (n) => {
    const req = (await (await fetch(`/api/case/${n}`)).json()) as { method: string; params: unknown };
    const w = window as unknown as { ethereum: { request(a: unknown): Promise<unknown> }; __benchDone?: boolean };
    w.__benchDone = false;
    const t0 = Date.now();
    w.ethereum.request(req).then(
      () => (w.__benchDone = true),
      () => (w.__benchDone = true),
    );
    return t0;
  }, name);
}

async function once(mm: MetaMaskWorld, name: string, withPreflight: boolean): Promise<Sample> {
  const { context } = mm.browser;
  let windowAt = 0;
  const opened = context.waitForEvent('page', { predicate: isNotification, timeout: 120_000 }).then((p) => {
    windowAt = Date.now();
    return p;
  });
  const t0 = await issue(mm.page, name);
  let verdictMs: number | undefined;
  if (withPreflight) {
    const frame = await reviewFrame(mm.page, 60_000);
    await frame.waitForSelector('[data-testid="review"][data-verdict]', { timeout: 60_000 });
    // When the panel rendered the verdict (its performance mark, on the machine's wall clock), not when the poll saw it.
    const verdictAt = await frame.evaluate(() => {
      const m = performance.getEntriesByName('preflight:verdict')[0];
      return m ? performance.timeOrigin + m.startTime : Date.now();
    });
    verdictMs = Math.round((verdictAt - t0) * 10) / 10;
    // Continue the moment the verdict shows (a DOM click: no input routing delay counted).
    await frame.evaluate(() => (document.querySelector('[data-testid="review-continue"]') as HTMLButtonElement).click());
  }
  const win = await opened;
  const confirm = win.locator('[data-testid="confirm-footer-button"]');
  await confirm.waitFor({ state: 'visible', timeout: 120_000 });
  const visibleAt = await win.evaluate(() => Date.now());
  // Cancel (untimed). Under load MetaMask sometimes keeps its window after the first click: click again until it closes.
  const cancel = win.locator('[data-testid="confirm-footer-cancel-button"]');
  for (let tries = 0; !win.isClosed(); tries++) {
    if (tries === 12) throw new Error('MetaMask kept its confirmation window after 12 cancels');
    await cancel.evaluate((el: HTMLElement) => el.click()).catch(() => undefined);
    await win.waitForEvent('close', { timeout: 10_000 }).catch(() => undefined);
  }
  await mm.page.waitForFunction(() => (window as unknown as { __benchDone?: boolean }).__benchDone === true, undefined, { timeout: 60_000 });
  if (withPreflight) await mm.page.waitForFunction(() => document.querySelectorAll('preflight-panel:not([data-standby])').length === 0, undefined, { timeout: 30_000 });
  return { windowMs: windowAt - t0, visibleMs: visibleAt - t0, ...(verdictMs !== undefined ? { verdictMs } : {}) };
}

const ratio = (b: number, a: number) => Math.round((b / a) * 1000) / 1000;

export async function metamaskOverhead(n: number, log: (m: string) => void = () => undefined, opts: { warmup?: number; lock?: string; preflightDir?: string } = {}) {
  const warmup = opts.warmup ?? 2;
  const devnet = await startDevnet({ port: 0, seed: 5, traffic: false, quiet: true });
  let alone: MetaMaskWorld | undefined;
  let fronted: MetaMaskWorld | undefined;
  try {
    log('onboarding two MetaMasks (alone, and behind Preflight)…');
    alone = await startMetaMaskWorld({ devnet, preflight: false });
    fronted = await startMetaMaskWorld({ devnet, preflight: true, ...(opts.preflightDir ? { preflightDir: opts.preflightDir } : {}) });
    const out: Record<string, unknown> = {};
    const allA: number[] = [];
    const allB: number[] = [];
    const allVerdict: number[] = [];
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const name = KINDS[kind];
      const a: Sample[] = [];
      const b: Sample[] = [];
      const [A0, B0] = [alone, fronted];
      await withLock(opts.lock, async () => {
        // Warm-up requests per side (first loads of MetaMask's and Preflight's pages), not counted.
        for (let i = 0; i < warmup; i++) {
          await once(A0, name, false);
          await once(B0, name, true);
        }
        for (let i = 0; i < n; i++) {
          a.push(await once(A0, name, false));
          b.push(await once(B0, name, true));
          log(`${kind}: ${i + 1}/${n}`);
        }
      });
      const visA = summarize(a.map((s) => s.visibleMs));
      const visB = summarize(b.map((s) => s.visibleMs));
      allA.push(...a.map((s) => s.visibleMs));
      allB.push(...b.map((s) => s.visibleMs));
      allVerdict.push(...b.map((s) => s.verdictMs!));
      out[kind] = {
        metamask_alone: { window_open_ms: summarize(a.map((s) => s.windowMs)), confirmation_visible_ms: visA },
        preflight_then_metamask: { window_open_ms: summarize(b.map((s) => s.windowMs)), confirmation_visible_ms: visB, verdict_ms: summarize(b.map((s) => s.verdictMs!)) },
        ratio_visible: { p50: ratio(visB.p50, visA.p50), p95: ratio(visB.p95, visA.p95) },
      };
    }
    const A = summarize(allA);
    const B = summarize(allB);
    out.all_kinds = {
      metamask_alone_visible_ms: A,
      preflight_then_metamask_visible_ms: B,
      ratio_visible: { p50: ratio(B.p50, A.p50), p95: ratio(B.p95, A.p95) },
      preflight_verdict_ms_warm: summarize(allVerdict),
    };
    return out;
  } finally {
    await fronted?.close();
    await alone?.close();
    await devnet.stop();
  }
}
