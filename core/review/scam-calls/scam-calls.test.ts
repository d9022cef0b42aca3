import { readFileSync } from 'node:fs';
import { encodeFunctionData, parseAbi, parseEther, toFunctionSelector } from 'viem';
import { describe, expect, it } from 'vitest';
import { scamSelectorsSource, scamSelectorTable } from '../../../scripts/build/scam-selectors';
import { reviewRequest } from '../engine';
import type { SigningRequest } from '../types';
import { scamSignatures } from './names';
import { SCAM_SELECTORS } from './selectors.generated';

/**
 * Revoke.cash's own selectors and the names it gives them (RevokeCash/browser-extension src/lib/constants.ts,
 * `potentialScamSignatures`), copied as data to check that the generated table computes the same ones.
 */
const REVOKE_CASH: Record<string, string> = {
  '0x5fba79f5': 'SecurityUpdate()', '0xaf347b61': 'securityUpdate()', '0x79372f9a': 'ClaimReward()', '0xb88a802f': 'claimReward()',
  '0x12798972': 'ClaimRewards()', '0x372500ab': 'claimRewards()', '0x3158952e': 'Claim()', '0x4e71d92d': 'claim()',
  '0xf472eedf': 'SafeClaim()', '0x2526350f': 'safeClaim()', '0xb9a9d3d0': 'ClaimAirdrop()', '0x5b88349d': 'claimAirdrop()',
  '0x9c9316c5': 'NetworkMerge()', '0xa06adfa8': 'networkMerge()', '0x143087ee': 'Verify()', '0xfc735e99': 'verify()',
};

const USER = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const SCAM = '0x00000f312c54d0dd25888ee9cdc3dee988700000';
const send = (to: string, data: string, value: bigint): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: USER, to, data, value: `0x${value.toString(16)}` }], origin: 'https://claim-rewards.example', chainId: 1 });
const codes = async (r: SigningRequest) => (await reviewRequest(r, { now: () => 1_729_327_000_000 })).findings.filter((f) => f.code === 'scam-function-call');

describe('scam function names: the selector table', () => {
  it('the committed table is what toFunctionSelector gives for every name, both letter cases, both argument lists', () => {
    expect(readFileSync(new URL('./selectors.generated.ts', import.meta.url), 'utf8')).toBe(scamSelectorsSource());
    expect(SCAM_SELECTORS).toEqual(scamSelectorTable());
    // no two signatures share a selector (a collision would silently drop one)
    expect(Object.keys(SCAM_SELECTORS)).toHaveLength(scamSignatures().length);
    expect(scamSignatures()).toContain('SecurityUpdate(address)');
    expect(scamSignatures()).toContain('claim()');
  });

  it("covers every selector of Revoke.cash's list, under the same name", () => {
    for (const [selector, sig] of Object.entries(REVOKE_CASH)) {
      expect(SCAM_SELECTORS[selector], sig).toBe(sig);
      expect(toFunctionSelector(`function ${sig}`)).toBe(selector);
    }
  });

  it('leaves out the names honest payable calls use (Revoke.cash ignores them too)', () => {
    for (const sig of ['mint()', 'deposit()', 'bid()', 'wrap()', 'buyToken()', 'depositETH()', 'publicMint()']) expect(SCAM_SELECTORS[toFunctionSelector(`function ${sig}`)], sig).toBeUndefined();
  });
});

describe('scam-function-call without a node', () => {
  const abi = parseAbi(['function SecurityUpdate()', 'function claim()', 'function Claim(address)', 'function claim(uint256 index, address account, uint256 amount, bytes32[] proof)', 'function deposit()']);
  it('ETH into SecurityUpdate() / claim() / Claim(address) on an unknown contract is danger, and says it could not simulate', async () => {
    for (const data of [encodeFunctionData({ abi, functionName: 'SecurityUpdate' }), encodeFunctionData({ abi, functionName: 'claim', args: [] }), encodeFunctionData({ abi, functionName: 'Claim', args: [USER] })]) {
      const [f] = await codes(send(SCAM, data, parseEther('0.5')));
      expect(f?.severity).toBe('danger');
      expect(f?.detail?.en).toContain('could not be simulated');
    }
  });

  it('no ETH sent, a claim with arguments (a Merkle airdrop), a WETH deposit, a well-known contract: nothing', async () => {
    expect(await codes(send(SCAM, encodeFunctionData({ abi, functionName: 'claim', args: [] }), 0n))).toEqual([]);
    expect(await codes(send(SCAM, encodeFunctionData({ abi, functionName: 'claim', args: [1n, USER, 10n, []] }), parseEther('0.1')))).toEqual([]);
    expect(await codes(send('0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2', encodeFunctionData({ abi, functionName: 'deposit' }), parseEther('1')))).toEqual([]);
    expect(await codes(send('0x7a250d5630b4cf539739df2c5dacb4c659f2488d', encodeFunctionData({ abi, functionName: 'SecurityUpdate' }), parseEther('1')))).toEqual([]);
  });

  it("the claims Revoke.cash allow-lists are honest on their own chain only (omni.network on Ethereum, tevaera.com on zkSync)", async () => {
    const claim = encodeFunctionData({ abi, functionName: 'claim', args: [] });
    const omni = '0xd0c155595929fd6be034c3848c00daebc6d330f6';
    expect(await codes(send(omni, claim, parseEther('0.003')))).toEqual([]);
    expect(await codes({ ...send('0x1eb7bcab5edf75b5e02c9a72d3287e322ebaefdb', claim, parseEther('0.003')), chainId: 324 })).toEqual([]);
    // The same address on a chain the list does not give it for is judged as any other.
    expect((await codes({ ...send(omni, claim, parseEther('0.003')), chainId: 8453 }))[0]?.severity).toBe('danger');
  });

  it('a claim fee under 0.002 ETH (Revoke.cash lets those through) is a warning when nothing could be simulated', async () => {
    const [f] = await codes(send(SCAM, encodeFunctionData({ abi, functionName: 'claim', args: [] }), parseEther('0.001')));
    expect(f?.severity).toBe('warn');
  });
});
