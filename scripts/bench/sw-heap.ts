/**
 * The extension service worker's JS heap, measured in the browser over CDP: a browser-level session attaches
 * to the worker target (Target.attachToTarget, non-flat), forces a GC (HeapProfiler.collectGarbage), then
 * reads Runtime.getHeapUsage.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

export interface WorkerHeap {
  /** usedSize after a forced GC, in KiB. */
  usedKiB(): Promise<number>;
  close(): Promise<void>;
}

class NoWorkerTargetError extends Error {
  override name = 'NoWorkerTargetError';
}

export async function attachWorkerHeap(context: BrowserContext, extensionId: string): Promise<WorkerHeap> {
  const browser = context.browser();
  if (!browser) throw new NoWorkerTargetError('No browser-level CDP session: launch Chromium with a browser handle.');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new NoWorkerTargetError('The extension service worker is not running.');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    const w = m.id === undefined ? undefined : waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id!);
    if (m.error) w.reject(new Error(m.error.message));
    else w.resolve(m.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return {
    async usedKiB() {
      await send('HeapProfiler.collectGarbage');
      const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number };
      return Math.round(usedSize / 1024);
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
