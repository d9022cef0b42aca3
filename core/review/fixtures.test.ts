import { describe, expect, it } from 'vitest';
import { reviewRequest } from './engine';
import { APPROVAL_FIXTURES } from './fixtures/approvals';
import { MAINNET, NOW_MS, type Fixture } from './fixtures/build';
import { CHAIN_FIXTURES } from './fixtures/chains';
import { ENCODING_FIXTURES } from './fixtures/encodings';
import { ORDER_KIND_FIXTURES } from './fixtures/order-kinds';
import { MESSAGE_FIXTURES } from './fixtures/messages';
import { ORDER_FIXTURES } from './fixtures/orders';
import { PERMIT_FIXTURES } from './fixtures/permits';
import { recordedClient } from './fixtures/recorded-chain';
import { TRANSFER_FIXTURES } from './fixtures/transfers';

const FIXTURES: Fixture[] = [...APPROVAL_FIXTURES, ...PERMIT_FIXTURES, ...ORDER_FIXTURES, ...MESSAGE_FIXTURES, ...TRANSFER_FIXTURES, ...CHAIN_FIXTURES, ...ENCODING_FIXTURES, ...ORDER_KIND_FIXTURES];

async function review(f: Fixture) {
  return reviewRequest(f.request, { now: () => NOW_MS, client: f.chain ? recordedClient(MAINNET) : undefined, ...f.deps }, { timeoutMs: 5_000 });
}

describe('fixture table: real-world requests, benign and malicious', () => {
  it('has at least 50 requests, at least 20 of each kind', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(50);
    expect(FIXTURES.filter((f) => f.expect.verdict === 'ok').length).toBeGreaterThanOrEqual(20);
    expect(FIXTURES.filter((f) => f.expect.verdict !== 'ok').length).toBeGreaterThanOrEqual(20);
    expect(new Set(FIXTURES.map((f) => f.name)).size).toBe(FIXTURES.length);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const r = await review(f);
    const codes = [...new Set(r.findings.map((x) => x.code))].sort();
    expect({ verdict: r.verdict, codes }).toEqual({ verdict: f.expect.verdict, codes: [...f.expect.codes].sort() });
    if (f.expect.verdict === 'ok') {
      expect(r.findings.filter((x) => x.severity !== 'info')).toEqual([]);
    } else {
      // Flagged with the right code: the finding that sets the verdict carries an expected code.
      const top = r.findings[0]!;
      expect(top.severity).not.toBe('info');
      expect(f.expect.codes).toContain(top.code);
    }
    for (const x of [...r.findings, ...r.cards.map((c) => ({ title: c.title }))]) {
      expect(x.title.en.length).toBeGreaterThan(0);
      expect(x.title.ja.length).toBeGreaterThan(0);
    }
    expect(r.summary.en.length).toBeGreaterThan(0);
  });
});
