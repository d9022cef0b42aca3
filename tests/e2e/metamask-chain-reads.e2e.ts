/**
 * No RPC in Preflight's Settings for the devnet, "only my RPC" ticked (so no public endpoint either): the only way
 * Preflight can read the chain is the real MetaMask's own RPC for it, through MetaMask's extension connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCase, decide, readVerdict, reviewFrame } from './harness';
import { startMetaMaskWorld, type MetaMaskWorld } from './metamask-harness';

let mm: MetaMaskWorld;

beforeAll(async () => {
  mm = await startMetaMaskWorld({ seed: 14 });
  await mm.browser.setSettings({ rpcs: {}, privateRpc: { '31337': true } });
}, 300_000);

afterAll(async () => {
  await mm?.close();
});

async function reviewCase(name: string) {
  const c = await clickCase(mm.page, name);
  const frame = await reviewFrame(mm.page, 30_000);
  const v = await readVerdict(frame, 30_000);
  const source = (await frame.locator('[data-testid="card-chain-source"]').textContent().catch(() => null)) ?? '';
  const finding = async (code: string) => (await frame.locator(`[data-testid="finding"][data-code="${code}"]`).first().textContent()) ?? '';
  return { ...v, c, frame, source, finding };
}

describe('chain reads through the real MetaMask (no RPC in Preflight)', () => {
  it('an unlimited approve to an EOA: the spender’s code is read through MetaMask (danger), and the panel says so', async () => {
    const r = await reviewCase('approve-eoa');
    expect(r.verdict).toBe('danger');
    expect(r.codes).toEqual(expect.arrayContaining(['approval-to-eoa', 'unlimited-approval']));
    expect(r.codes).not.toContain('no-chain-access');
    expect(r.source).toMatch(/Checked through\s*MetaMask's RPC for /);
    expect(mm.windows()).toHaveLength(0); // reading opened no MetaMask window
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).status).toBe('error');
  });

  it('an approve to a known router: the token is read through MetaMask; the simulation MetaMask refuses is said as such', async () => {
    const r = await reviewCase('approve-unlimited');
    expect(r.codes).toContain('unlimited-approval');
    expect(r.codes).not.toContain('no-chain-access');
    expect(await r.finding('unlimited-approval')).toContain('USDC'); // the token's symbol, read on chain through MetaMask
    expect(await r.finding('asset-changes')).toContain('MetaMask does not run simulations');
    expect(r.source).toContain("MetaMask's RPC for ");
    expect(mm.windows()).toHaveLength(0);
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).status).toBe('error');
  });
});
