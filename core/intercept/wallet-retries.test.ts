import { describe, expect, it } from 'vitest';
import { MAX_WALLET_RETRIES, WalletRetries } from './wallet-retries';

const clock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('WalletRetries', () => {
  it('lets MetaMask re-send an unanswered request that passed, once per retry notice, at most 3 times', () => {
    const c = clock();
    const r = new WalletRetries({ now: c.now });
    r.passed('msg-a', ['inpage\nprovider\n7']);
    expect(r.isResend('msg-a')).toBe(false); // no notice yet: a page copying the message is reviewed
    for (let i = 0; i < MAX_WALLET_RETRIES; i++) {
      r.noticeSeen();
      expect(r.isResend('msg-a')).toBe(true);
      expect(r.isResend('msg-a')).toBe(false); // one re-send per notice
    }
    r.noticeSeen();
    expect(r.isResend('msg-a')).toBe(false); // the provider's own limit
  });

  it('forgets a request once MetaMask answered it, and never matches another message', () => {
    const r = new WalletRetries({ now: clock().now });
    r.passed('msg-a', ['k1']);
    r.passed('msg-b', ['k2']);
    r.answered('k1');
    r.noticeSeen();
    expect(r.isResend('msg-a')).toBe(false);
    expect(r.isResend('msg-c')).toBe(false);
    expect(r.isResend('msg-b')).toBe(true);
    expect(r.size).toBe(1);
  });

  it('waits for every answer of a batch', () => {
    const r = new WalletRetries({ now: clock().now });
    r.passed('batch', ['k1', 'k2']);
    r.answered('k1');
    r.noticeSeen();
    expect(r.isResend('batch')).toBe(true);
    r.answered('k2');
    expect(r.size).toBe(0);
  });

  it('expires, keeps at most max entries, and ignores messages without ids', () => {
    const c = clock();
    const r = new WalletRetries({ now: c.now, ttlMs: 1_000, max: 2 });
    r.passed('no-id', []);
    expect(r.size).toBe(0);
    r.passed('a', ['1']);
    r.passed('b', ['2']);
    r.passed('c', ['3']);
    expect(r.size).toBe(2);
    r.noticeSeen();
    expect(r.isResend('a')).toBe(false);
    c.advance(1_001);
    expect(r.isResend('b')).toBe(false);
    expect(r.size).toBe(0);
  });
});
