import { describe, expect, it } from 'vitest';
import { IN_USE_FOR_MS, KEEP_WARM_EVERY_MS, keepWarmWhileInUse } from '../../entrypoints/content/keep-warm';

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: number) => void timers.delete(id),
    /** Moves the clock on, running the timers that fall due in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

function setup() {
  const t = fakeTime();
  let visible = true;
  let sent = 0;
  const k = keepWarmWhileInUse({ send: () => sent++, visible: () => visible, now: t.now, setTimer: t.setTimer, clearTimer: t.clearTimer });
  return { t, k, sent: () => sent, setVisible: (v: boolean) => (visible = v) };
}

describe('keepWarmWhileInUse', () => {
  it('sends nothing before the page is used', () => {
    const s = setup();
    s.t.advance(10 * 60_000);
    expect(s.sent()).toBe(0);
    expect(s.k.running).toBe(false);
  });

  it('keeps the worker hearing from the page under the 30 s idle stop while in use, then lets it stop', () => {
    const s = setup();
    s.k.used();
    s.t.advance(60_000);
    expect(s.sent()).toBe(Math.floor(60_000 / KEEP_WARM_EVERY_MS));
    expect(KEEP_WARM_EVERY_MS).toBeLessThan(30_000);
    s.t.advance(IN_USE_FOR_MS);
    const atEnd = s.sent();
    // No message later than IN_USE_FOR_MS after the last use, and the timer is gone.
    expect(atEnd).toBe(Math.floor((IN_USE_FOR_MS - 1) / KEEP_WARM_EVERY_MS));
    s.t.advance(30 * 60_000);
    expect(s.sent()).toBe(atEnd);
    expect(s.k.running).toBe(false);
    expect(s.t.pending()).toBe(0);
  });

  it('a later use extends the time in use', () => {
    const s = setup();
    s.k.used();
    s.t.advance(IN_USE_FOR_MS - 10_000);
    s.k.used();
    s.t.advance(IN_USE_FOR_MS - 10_000);
    expect(s.k.running).toBe(true);
    expect(s.sent()).toBe(Math.floor((2 * IN_USE_FOR_MS - 20_000) / KEEP_WARM_EVERY_MS));
  });

  it('stops while the page is hidden and starts again when it is shown within the time in use', () => {
    const s = setup();
    s.k.used();
    s.t.advance(KEEP_WARM_EVERY_MS);
    expect(s.sent()).toBe(1);
    s.setVisible(false);
    s.k.visibilityChanged();
    expect(s.k.running).toBe(false);
    s.t.advance(2 * 60_000);
    expect(s.sent()).toBe(1);
    s.setVisible(true);
    s.k.visibilityChanged();
    s.t.advance(KEEP_WARM_EVERY_MS);
    expect(s.sent()).toBe(2);
  });

  it('shown again after the time in use has passed, it stays quiet', () => {
    const s = setup();
    s.k.used();
    s.setVisible(false);
    s.k.visibilityChanged();
    s.t.advance(IN_USE_FOR_MS + 1);
    s.setVisible(true);
    s.k.visibilityChanged();
    s.t.advance(10 * 60_000);
    expect(s.sent()).toBe(0);
    expect(s.k.running).toBe(false);
  });

  it('one timer at a time, however often the page is used', () => {
    const s = setup();
    for (let i = 0; i < 50; i++) s.k.used();
    expect(s.t.pending()).toBe(1);
    s.t.advance(KEEP_WARM_EVERY_MS);
    expect(s.sent()).toBe(1);
  });
});
