import type { Loc, PanelSurface, Surface } from './types';

/** The demo dApp's button for a case, and a reader for its result element. */
export async function clickCase(page: Surface, name: string) {
  await page.locator(`[data-testid="btn-${name}"]`).click();
  const result: Loc = page.locator(`[data-testid="result-${name}"]`);
  return {
    result,
    async settled(timeoutMs = 15_000) {
      await page.locator(`[data-testid="result-${name}"][data-status]`).waitFor({ timeout: timeoutMs, state: 'attached' });
      return { status: await result.getAttribute('data-status'), text: (await result.textContent()) ?? '' };
    },
  };
}

/** Waits for the verdict and returns it with the finding codes shown. */
export async function readVerdict(frame: Surface, timeoutMs = 10_000): Promise<{ verdict: string; codes: string[]; severities: string[] }> {
  const review = frame.locator('[data-testid="review"][data-verdict]');
  await review.waitFor({ timeout: timeoutMs });
  const verdict = (await review.getAttribute('data-verdict')) ?? '';
  const findings = frame.locator('[data-testid="finding"]');
  const codes = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
  const severities = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity') ?? ''));
  return { verdict, codes, severities };
}

/** How many times a real click into the panel got no input acknowledgement (see clickInPanel). */
export const inputStalls = { count: 0 };

/**
 * Clicks a control in the review panel as a user would (real mouse input through the browser). Headless Chromium
 * sometimes never acknowledges input routed to an out-of-process extension frame that the click itself re-lays out
 * or removes; so: the real click with a short timeout, and if the panel is still undecided after it, the control's
 * own click() inside the panel (the same handler runs). Stalls are counted in `inputStalls`.
 */
export async function clickInPanel(frame: PanelSurface, selector: string): Promise<void> {
  const control = frame.locator(selector);
  await control.waitFor({ timeout: 10_000 });
  try {
    await control.click({ noWaitAfter: true, timeout: 2_500 });
    return;
  } catch {
    inputStalls.count++;
  }
  if (frame.isDetached()) return;
  const undecided = await frame.evaluate(() => document.querySelector('[data-testid="review"]') !== null).catch(() => false);
  if (undecided) await frame.evaluate((s) => (document.querySelector(s) as HTMLElement | null)?.click(), selector).catch(() => undefined);
}

/** Continue or Reject in the panel. */
export function decide(frame: PanelSurface, choice: 'continue' | 'reject'): Promise<void> {
  return clickInPanel(frame, `[data-testid="review-${choice}"]`);
}

/** A key press in the panel (focus moves into it first), with the same stall fallback as clickInPanel. */
export async function pressInPanel(frame: PanelSurface, key: string): Promise<void> {
  try {
    await frame.locator('[data-testid="review-reject"]').press(key, { noWaitAfter: true, timeout: 2_500 });
    return;
  } catch {
    inputStalls.count++;
  }
  if (frame.isDetached()) return;
  await frame.evaluate((k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k })), key).catch(() => undefined);
}

/** What the panel reviewed: the background's record for this panel (request as the page sent it, and the review). */
export async function panelReview(frame: Surface): Promise<{
  request: { method: string; params: unknown; chainId: number };
  review?: { verdict: string; summary: { en: string }; suggestedFees?: { maxFeePerGas: string; maxPriorityFeePerGas: string } };
  decision?: string;
  /** The last release check (issue 22): `unchanged` is kept with a Continue it let through. */
  recheck?: { status: 'unchanged' | 'changed' | 'unavailable'; checkedAt: number; ms: number };
}> {
  return frame.evaluate(async () => {
    // Runs in the panel (an extension page), where `chrome` exists in both browsers.
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; result?: never; error?: string }> } } }).chrome.runtime;
    const answer = await runtime.sendMessage({ t: 'review:get', key: location.hash.slice(1) });
    if (!answer.ok) throw new Error(answer.error ?? 'review:get failed');
    return answer.result!;
  });
}
