import { describe, expect, it } from 'vitest';
import { compareOutcomes, movedAgainstUser, toleranceOf, DEFAULT_TOLERANCE } from './outcome-diff';
import type { Outcome, OutcomeAsset, OutcomeParty } from './outcome';
import { describeChange, sideBySide } from './outcome-text';

const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const PUNKS = '0xb47e3cd837ddf8e4c57f05d70ab865de6e193bbb';
const ITEMS = '0x76be3b62873462d2142405439777e971754e8e77';
const SPENDER = '0x1111111111111111111111111111111111111111';

const eth = (delta: bigint): OutcomeAsset => ({ asset: 'native', standard: 'native', delta: delta.toString(), symbol: 'ETH', decimals: 18 });
const usdc = (delta: bigint): OutcomeAsset => ({ asset: USDC, standard: 'erc20', delta: delta.toString(), symbol: 'USDC', decimals: 6 });
const weth = (delta: bigint): OutcomeAsset => ({ asset: WETH, standard: 'erc20', delta: delta.toString(), symbol: 'WETH', decimals: 18 });
const nft = (id: number, delta: bigint): OutcomeAsset => ({ asset: PUNKS, standard: 'erc721', tokenId: String(id), delta: delta.toString(), symbol: 'PUNK', decimals: 0 });
const item = (id: number, delta: bigint): OutcomeAsset => ({ asset: ITEMS, standard: 'erc1155', tokenId: String(id), delta: delta.toString(), symbol: 'ITEM', decimals: 0 });
const party = (codeHash: OutcomeParty['codeHash'], role: OutcomeParty['role'] = 'spender'): OutcomeParty => ({ address: SPENDER, role, codeHash });
const sim = (assets: OutcomeAsset[], parties: OutcomeParty[] = []): Outcome => ({ mode: 'simulate', assets, parties });
const kinds = (before: Outcome, now: Outcome) => compareOutcomes(before, now).map((c) => c.kind);

const E = 10n ** 18n;

describe('compareOutcomes: every kind of change', () => {
  it('the same outcome: no change', () => {
    const o = sim([usdc(-1_000_000_000n), weth(3n * E)], [party('0xabc' as `0x${string}`)]);
    expect(compareOutcomes(o, structuredClone(o))).toEqual([]);
  });

  it('a new outflow (an asset not sent before), and an inflow that became an outflow (the flip)', () => {
    expect(kinds(sim([weth(E)]), sim([weth(E), usdc(-5_000_000n)]))).toEqual(['new-outflow']);
    const flip = compareOutcomes(sim([eth(E / 1000n)]), sim([eth(-E / 100n)]));
    expect(flip).toEqual([{ kind: 'new-outflow', worse: true, asset: { asset: 'native', standard: 'native', symbol: 'ETH', decimals: 18 }, before: (E / 1000n).toString(), now: (-E / 100n).toString() }]);
  });

  it('an outflow that grew, an inflow that shrank, an inflow that is gone', () => {
    expect(kinds(sim([usdc(-1_000_000_000n)]), sim([usdc(-1_100_000_000n)]))).toEqual(['outflow-grew']);
    expect(kinds(sim([weth(E)]), sim([weth(E / 2n)]))).toEqual(['inflow-shrank']);
    expect(kinds(sim([weth(E), usdc(-1_000_000n)]), sim([usdc(-1_000_000n)]))).toEqual(['inflow-gone']);
  });

  it('changes in the user\'s favour are listed but never count as moved', () => {
    const c = compareOutcomes(sim([usdc(-2_000_000n), weth(E)]), sim([usdc(-1_000_000n), weth(2n * E), eth(5n)]));
    expect(c.map((x) => x.kind).sort()).toEqual(['inflow-grew', 'outflow-shrank']); // 5 wei is dust
    expect(movedAgainstUser(c)).toBe(false);
    expect(kinds(sim([usdc(-1_000_000n)]), sim([]))).toEqual(['outflow-gone']);
    expect(kinds(sim([usdc(-1_000_000n)]), sim([usdc(2_000_000n)]))).toEqual(['new-inflow']);
    expect(kinds(sim([]), sim([weth(E)]))).toEqual(['new-inflow']);
  });

  it('a call that now reverts is the change (its asset list is not compared); one that no longer reverts is compared against nothing', () => {
    const now: Outcome = { mode: 'simulate', revert: { reason: 'TRANSFER_FAILED' }, assets: [], parties: [] };
    expect(compareOutcomes(sim([weth(E)]), now)).toEqual([{ kind: 'now-reverts', worse: true, reason: 'TRANSFER_FAILED' }]);
    const before: Outcome = { mode: 'simulate', revert: { reason: 'not started' }, assets: [], parties: [] };
    expect(kinds(before, sim([eth(-E), nft(5, 1n)]))).toEqual(['new-outflow', 'no-longer-reverts', 'new-inflow']);
    expect(compareOutcomes(before, { ...before, revert: { reason: 'another reason' } })).toEqual([]);
  });

  it('a spender or recipient that gained code, lost it, or whose code changed', () => {
    expect(kinds(sim([], [party(null)]), sim([], [party('0xaa')]))).toEqual(['code-added']);
    expect(kinds(sim([], [party('0xaa')]), sim([], [party(null)]))).toEqual(['code-removed']);
    expect(kinds(sim([], [party('0xaa')]), sim([], [party('0xbb')]))).toEqual(['code-changed']);
    // A read that failed on either side says nothing.
    expect(kinds(sim([], [party(undefined)]), sim([], [party('0xbb')]))).toEqual([]);
    expect(kinds(sim([], [party(null)]), sim([], [party(undefined)]))).toEqual([]);
    expect(compareOutcomes(sim([], [party(null, 'recipient')]), sim([], [party('0xaa', 'recipient')]))[0]!.party).toEqual({ address: SPENDER, role: 'recipient', before: null, now: '0xaa' });
  });

  it('dry runs (no eth_simulateV1) are compared on reverts and code only', () => {
    const dry = (revert?: string): Outcome => ({ mode: 'dry-run', ...(revert ? { revert: { reason: revert } } : {}), parties: [party(null)] });
    expect(compareOutcomes(dry(), dry())).toEqual([]);
    expect(kinds(dry(), dry('paused'))).toEqual(['now-reverts']);
    expect(kinds(dry(), { ...dry(), parties: [party('0x01')] })).toEqual(['code-added']);
  });

  it('changes against the user come first', () => {
    const c = compareOutcomes(sim([weth(E), usdc(-1_000_000n)], [party(null)]), sim([weth(2n * E), usdc(-3_000_000n)], [party('0x01')]));
    expect(c.map((x) => [x.kind, x.worse])).toEqual([['outflow-grew', true], ['code-added', true], ['inflow-grew', false]]);
  });
});

describe('compareOutcomes: the tolerance (0.5 % of the earlier amount, and dust of 1e-6 token)', () => {
  it('an inflow 0.5 % smaller is within; one base unit more is not', () => {
    const before = 1_000_000_000n; // 1,000 USDC
    expect(toleranceOf({ standard: 'erc20', decimals: 6 }, before)).toBe(5_000_000n);
    expect(kinds(sim([usdc(before)]), sim([usdc(before - 5_000_000n)]))).toEqual([]);
    expect(kinds(sim([usdc(before)]), sim([usdc(before - 5_000_001n)]))).toEqual(['inflow-shrank']);
  });

  it('the same rule for an outflow that grew', () => {
    expect(kinds(sim([weth(-10n * E)]), sim([weth(-10n * E - E / 20n)]))).toEqual([]);
    expect(kinds(sim([weth(-10n * E)]), sim([weth(-10n * E - E / 20n - 1n)]))).toEqual(['outflow-grew']);
  });

  it('dust: 1e-6 of a token never counts (1e12 wei, 1 base unit of a 6-decimal token), one more does', () => {
    expect(toleranceOf({ standard: 'native', decimals: 18 }, 0n)).toBe(10n ** 12n);
    expect(toleranceOf({ standard: 'erc20', decimals: 6 }, 0n)).toBe(1n);
    expect(toleranceOf({ standard: 'erc20', decimals: 2 }, 0n)).toBe(1n);
    expect(kinds(sim([]), sim([eth(-(10n ** 12n))]))).toEqual([]);
    expect(kinds(sim([]), sim([eth(-(10n ** 12n) - 1n)]))).toEqual(['new-outflow']);
    // stETH-style rounding of 2 wei on a transfer is dust.
    expect(kinds(sim([weth(-E)]), sim([weth(-E - 2n)]))).toEqual([]);
  });

  it('a tighter tolerance can be asked for', () => {
    const o = compareOutcomes(sim([usdc(1_000_000_000n)]), sim([usdc(999_000_000n)]), { ...DEFAULT_TOLERANCE, bps: 5 });
    expect(o.map((c) => c.kind)).toEqual(['inflow-shrank']);
  });

  it('NFTs have none: another token id of the same collection is the old one gone and a new one in', () => {
    expect(kinds(sim([nft(5, 1n)]), sim([nft(6, 1n)]))).toEqual(['inflow-gone', 'new-inflow']);
    expect(kinds(sim([nft(5, -1n)]), sim([nft(5, -1n), nft(6, -1n)]))).toEqual(['new-outflow']);
    expect(kinds(sim([item(1, 10n)]), sim([item(1, 9n)]))).toEqual(['inflow-shrank']);
    expect(kinds(sim([item(1, 10n)]), sim([item(2, 10n)]))).toEqual(['inflow-gone', 'new-inflow']);
  });
});

describe('compareOutcomes: lists in another order', () => {
  it('assets and parties matched by address and id, whatever the order and the case of the address', () => {
    const before = sim([usdc(-1_000_000n), weth(E), nft(1, 1n), nft(2, 1n), eth(-5n * E)], [party('0xaa'), { address: USDC, role: 'called', codeHash: '0x01' }]);
    const now = sim([nft(2, 1n), eth(-5n * E), { ...weth(E), asset: WETH.toUpperCase().replace('0X', '0x') as `0x${string}` }, nft(1, 1n), usdc(-1_000_000n)], [{ address: USDC, role: 'called', codeHash: '0x01' }, party('0xaa')]);
    expect(compareOutcomes(before, now)).toEqual([]);
  });
});

describe('side by side and sentences', () => {
  it('the flip: ETH before and now, the moved line first and marked', () => {
    const before = sim([eth(E / 1000n), nft(3, 1n)]);
    const now = sim([eth(-E / 100n), nft(3, 1n)]);
    const rows = sideBySide(before, now, compareOutcomes(before, now));
    expect(rows.map((r) => [r.label.en, r.before.en, r.now.en, r.kind, r.worse])).toEqual([
      ['ETH', '+0.001 ETH', '−0.01 ETH', 'new-outflow', true],
      ['PUNK', '+PUNK #3', '+PUNK #3', undefined, false],
    ]);
    expect(describeChange(compareOutcomes(before, now)[0]!).en).toBe('ETH: +0.001 ETH → −0.01 ETH');
  });

  it('a revert and a code change get their own lines', () => {
    const before = sim([weth(E)], [party(null)]);
    const now: Outcome = { mode: 'simulate', revert: { reason: 'paused' }, assets: [], parties: [party('0x1234567890abcdef')] };
    const rows = sideBySide(before, now, compareOutcomes(before, now));
    expect(rows.map((r) => [r.label.en, r.before.en, r.now.en])).toEqual([
      ['Result', 'succeeds', 'fails: paused'],
      ['WETH', '+1 WETH', '—'],
      ['0x1111…1111 (spender)', 'no code (a plain account)', 'code 0x12345678…'],
    ]);
    expect(rows.every((r) => r.before.ja && r.now.ja && r.label.ja)).toBe(true);
  });
});
