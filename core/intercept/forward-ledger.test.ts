import { describe, expect, it } from 'vitest';
import { canonicalJson, ForwardLedger, requestFingerprint } from './forward-ledger';

describe('canonicalJson', () => {
  it('gives two clones of a request the same text whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
  });

  it('drops undefined members as postMessage clones and JSON do', () => {
    expect(canonicalJson({ method: 'm', params: undefined })).toBe(canonicalJson({ method: 'm' }));
    expect(canonicalJson(undefined)).toBe('undefined');
  });

  it('tells different params apart', () => {
    expect(requestFingerprint('personal_sign', ['0x01', '0xa'])).not.toBe(requestFingerprint('personal_sign', ['0x02', '0xa']));
    expect(requestFingerprint('personal_sign', ['0x01'])).not.toBe(requestFingerprint('eth_sign', ['0x01']));
  });

  it('refuses a cyclic value instead of looping', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
  });
});

describe('ForwardLedger', () => {
  it('lets an expected request through exactly once', () => {
    const ledger = new ForwardLedger({ now: () => 0 });
    const key = requestFingerprint('personal_sign', ['0x01', '0xa']);
    expect(ledger.consume(key)).toBe(false);
    ledger.expect(key);
    expect(ledger.consume(key)).toBe(true);
    expect(ledger.consume(key)).toBe(false);
  });

  it('counts the same request continued twice as two', () => {
    const ledger = new ForwardLedger({ now: () => 0 });
    ledger.expect('k');
    ledger.expect('k');
    expect([ledger.consume('k'), ledger.consume('k'), ledger.consume('k')]).toEqual([true, true, false]);
  });

  it('forgets an entry after its time', () => {
    let now = 0;
    const ledger = new ForwardLedger({ now: () => now, ttlMs: 1_000 });
    ledger.expect('k');
    now = 1_000;
    expect(ledger.consume('k')).toBe(false);
  });

  it('keeps at most `max` entries, dropping the oldest', () => {
    const ledger = new ForwardLedger({ now: () => 0, max: 2 });
    ledger.expect('a');
    ledger.expect('b');
    ledger.expect('c');
    expect(ledger.size).toBe(2);
    expect(ledger.consume('a')).toBe(false);
    expect(ledger.consume('c')).toBe(true);
  });
});
