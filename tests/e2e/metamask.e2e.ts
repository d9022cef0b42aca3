import { recoverMessageAddress, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCase, decide, readVerdict, reviewFrame } from './harness';
import { startMetaMaskWorld, type MetaMaskWorld } from './metamask-harness';

let mm: MetaMaskWorld;

beforeAll(async () => {
  mm = await startMetaMaskWorld({ seed: 13 });
}, 240_000);

afterAll(async () => {
  await mm?.close();
});

/** The request the dApp sends for a case (built by the dApp server for this page's host). */
async function dappRequest(name: string): Promise<{ method: string; params: unknown[] }> {
  return (await fetch(`${mm.dapp.url}api/case/${name}`)).json() as Promise<{ method: string; params: unknown[] }>;
}

describe('Preflight in front of the real MetaMask 13.5.0 (smoke)', () => {
  it('personal_sign: panel first → Continue → exactly one MetaMask window → confirm → the signature recovers to the account', async () => {
    const page = mm.page;
    const c = await clickCase(page, 'personal-sign-siwe');
    const frame = await reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.verdict).toBe('ok');
    expect(mm.windows()).toHaveLength(0); // the panel comes first: MetaMask has not been asked yet
    await decide(frame, 'continue');
    const win = await mm.waitForWindow();
    expect(mm.windows()).toHaveLength(1);
    await mm.confirm(win);
    const r = await c.settled(60_000);
    expect(r.status).toBe('ok');
    const req = await dappRequest('personal-sign-siwe');
    const signer = await recoverMessageAddress({ message: { raw: req.params[0] as Hex }, signature: r.text as Hex });
    expect(signer).toBe(mm.devnet.accounts[0]);
    expect(signer).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });
});
