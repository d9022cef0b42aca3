/**
 * Runs `fn` once the page has loaded (its load event fired) and then has an idle moment (at most `maxWaitMs` later):
 * work the extension does for a page (a panel frame preloaded, the worker woken for the phishing check) then never
 * holds the page's own load event back nor competes with the page's loading for the CPU.
 */
export function afterLoadIdle(fn: () => void, maxWaitMs = 1_000): void {
  const whenIdle = () => {
    const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (typeof idle === 'function') idle.call(window, fn, { timeout: maxWaitMs });
    else setTimeout(fn, 50);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
