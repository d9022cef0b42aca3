/**
 * Keeps the extension's worker from being stopped while a page that uses a wallet is in use (issue 24 §3: Chrome stops
 * an idle extension worker after ~30 s, and a stopped worker's start is most of the wait for the next request).
 *
 * In use: the page is visible and was used (loaded with a wallet, pressed, typed in, pointed at, shown again, asked to
 * sign) within `inUseForMs`. While in use, `send` runs every `everyMs` (each message is an event for the worker, which
 * restarts Chrome's idle count).
 * Hidden, or left alone for `inUseForMs`, the timer stops and the worker may stop as Chrome decides; a later use or
 * the page becoming visible again starts it anew. Timers and clock are passed in (tested in Node).
 */
/** While a page is in use, the worker hears from it this often: under Chrome's ~30 s idle stop. */
export const KEEP_WARM_EVERY_MS = 25_000;
/** A page that uses a wallet is in use while visible and loaded, pressed, typed in or asked to sign this recently. */
export const IN_USE_FOR_MS = 5 * 60_000;

export interface KeepWarmDeps {
  send(): void;
  visible(): boolean;
  now(): number;
  setTimer(fn: () => void, ms: number): number;
  clearTimer(id: number): void;
  everyMs?: number;
  inUseForMs?: number;
}

export interface KeepWarm {
  /** The user used the page (or the page first used a wallet). */
  used(): void;
  /** The page was hidden or shown. */
  visibilityChanged(): void;
  /** Whether a timer is running now. */
  readonly running: boolean;
}

export function keepWarmWhileInUse(d: KeepWarmDeps): KeepWarm {
  const every = d.everyMs ?? KEEP_WARM_EVERY_MS;
  const inUseFor = d.inUseForMs ?? IN_USE_FOR_MS;
  let lastUse = -Infinity;
  let timer: number | undefined;
  const inUse = () => d.visible() && d.now() - lastUse < inUseFor;
  const stop = () => {
    if (timer !== undefined) d.clearTimer(timer);
    timer = undefined;
  };
  const tick = () => {
    timer = undefined;
    if (!inUse()) return;
    d.send();
    schedule();
  };
  const schedule = () => {
    if (timer === undefined && inUse()) timer = d.setTimer(tick, every);
  };
  return {
    used() {
      lastUse = d.now();
      schedule();
    },
    visibilityChanged() {
      if (!d.visible()) stop();
      else schedule();
    },
    get running() {
      return timer !== undefined;
    },
  };
}
