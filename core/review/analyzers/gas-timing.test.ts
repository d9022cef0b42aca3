import { encodeAbiParameters, type PublicClient } from 'viem';
import { describe, expect, it } from 'vitest';
import type { LiveReport } from '../../gas/live-report';
import { reviewRequest } from '../engine';
import { gasTimingAnalyzer } from './gas-timing';

const GWEI = 1_000_000_000n;
const hex = (v: bigint) => `0x${v.toString(16)}`;
function report(over: Partial<LiveReport> = {}): LiveReport {
  return {
    chain: { chainId: 1, name: 'Ethereum', nativeSymbol: 'ETH' },
    sync: { mode: 'fee-history', head: 100, fetchedBlocks: 100, reorged: false, missingBlocks: 0 } as LiveReport['sync'],
    outlook: { baseFeeNow: 10n * GWEI, newestBlock: 100, newestTimestamp: 1_700_000_000, blocks: [], hours: [] },
    nextBaseFee: 10n * GWEI,
    nextBaseFeeFrom: { source: 'header' },
    nextBlock: 101,
    history: [],
    priorityFees: [],
    recommended: { maxPriorityFeePerGas: GWEI, maxFeePerGas: 16n * GWEI, validForFullBlocks: 3 },
    p90Recent: 12n * GWEI,
    historySeconds: 3600,
    storedBlocks: 300,
    advice: { action: 'send-now', sendAt: 1_700_000_000, baseFeeNow: 10n * GWEI, costNowWei: 0n, reason: '' },
    ...over,
  };
}
const tx = (extra: object = {}) => ({ method: 'eth_sendTransaction' as const, params: [{ from: '0x1111111111111111111111111111111111111111', to: '0x2222222222222222222222222222222222222222', value: '0x1', ...extra }], origin: 'https://a.example', chainId: 1 });
/** The report's own moment (2023-11-14 22:13:20 UTC), so that times in the advice are read against it. */
const REPORT_NOW_MS = 1_700_000_000_000;
const run = (r: LiveReport, request = tx(), client?: PublicClient, timeZone?: string) =>
  reviewRequest(request, { now: () => REPORT_NOW_MS, timeZone, client, services: { gas: async () => r } }, { analyzers: [gasTimingAnalyzer] });

describe('gas timing in the review', () => {
  it('suggests fees and a gas card; no finding in calm conditions', async () => {
    const r = await run(report());
    expect(r.findings).toEqual([]);
    expect(r.suggestedFees).toEqual({ maxFeePerGas: `0x${(16n * GWEI).toString(16)}`, maxPriorityFeePerGas: `0x${GWEI.toString(16)}` });
    expect(r.cards[0]?.kind).toBe('gas');
    expect(BigInt(r.hold!.targetBaseFeeWei)).toBe(9n * GWEI);
  });

  it('flags a dApp fee far above the recommendation, and a spike', async () => {
    const r = await run(report({ nextBaseFee: 30n * GWEI }), tx({ maxFeePerGas: `0x${(100n * GWEI).toString(16)}` }));
    expect(r.findings.map((f) => f.code).sort()).toEqual(['fee-above-recommended', 'gas-spike']);
  });

  it('says when waiting pays, with its range and risk', async () => {
    const wait = { waitSeconds: 3600, sendAt: 1_700_003_600, expectedSavingWei: 10n ** 14n, expectedSavingShare: 0.3, savingP10Wei: 0n, savingP90Wei: 2n * 10n ** 14n, probabilityWaitCostsMore: 0.1, method: 'model' as const };
    const r = await run(report({ advice: { action: 'wait', sendAt: wait.sendAt, baseFeeNow: 10n * GWEI, costNowWei: 0n, wait, reason: '' } }));
    const f = r.findings.find((x) => x.code === 'wait-for-cheaper-gas')!;
    expect(f.severity).toBe('info');
    expect(f.title.en).toContain('about 30 %');
    expect(f.detail!.en).toContain('10 %');
  });

  it('a wait for a target fee: the finding names the target and the deadline, and the hold uses them', async () => {
    const limit = { targetBaseFee: 8n * GWEI, deadline: 1_700_003_600, hitShare: 0.86, cases: 540 };
    const wait = { waitSeconds: 600, sendAt: 1_700_000_600, expectedSavingWei: 10n ** 13n, expectedSavingShare: 0.12, savingP10Wei: -(10n ** 12n), savingP90Wei: 3n * 10n ** 13n, probabilityWaitCostsMore: 0.08, method: 'limit' as const, limit };
    const r = await run(report({ advice: { action: 'wait', sendAt: wait.sendAt, baseFeeNow: 10n * GWEI, costNowWei: 0n, wait, reason: '' } }));
    const f = r.findings.find((x) => x.code === 'wait-for-cheaper-gas')!;
    expect(f.title.en).toContain('8.00 gwei or less');
    expect(f.title.en).toContain('about 12 %');
    expect(f.detail!.en).toContain('540 past cases');
    expect(f.detail!.en).toContain('86 %');
    expect(f.detail!.en).toContain('if it has not by 23:13 UTC'); // the deadline, 1_700_003_600
    expect(f.detail!.ja).toContain('540 件');
    expect(r.hold).toEqual({ targetBaseFeeWei: (8n * GWEI).toString(), expectedAt: wait.sendAt, deadline: limit.deadline });
  });

  it('times in the advice are in the user’s time zone when the caller gives one, with the day when it is not today there', async () => {
    const limit = { targetBaseFee: 8n * GWEI, deadline: 1_700_003_600, hitShare: 0.86, cases: 540 };
    const wait = { waitSeconds: 600, sendAt: 1_700_000_600, expectedSavingWei: 10n ** 13n, expectedSavingShare: 0.12, savingP10Wei: 0n, savingP90Wei: 3n * 10n ** 13n, probabilityWaitCostsMore: 0.08, method: 'limit' as const, limit };
    const rep = report({ advice: { action: 'wait', sendAt: wait.sendAt, baseFeeNow: 10n * GWEI, costNowWei: 0n, wait, reason: '' } });
    const detail = async (zone: string) => (await run(rep, tx(), undefined, zone)).findings.find((x) => x.code === 'wait-for-cheaper-gas')!.detail!;
    // The deadline 23:13:20 UTC is 08:13 on the next day in Tokyo, but the review runs at 07:13 there: the same day.
    const tokyo = await detail('Asia/Tokyo');
    expect(tokyo.en).toContain('typically by 07:23; if it has not by 08:13,');
    expect(tokyo.ja).toContain('たいてい 07:23 までに達しました。08:13 までに');
    expect(tokyo.en).not.toContain('UTC');
    // In Paris (UTC+1) the review runs at 23:13 and the deadline falls after midnight.
    const paris = await detail('Europe/Paris');
    expect(paris.en).toContain('if it has not by tomorrow 00:13,');
    expect(paris.ja).toContain('明日 00:13 までに達しなければ');
  });

  it('adds the L1 data fee on an OP Stack chain', async () => {
    const client = { call: async () => ({ data: encodeAbiParameters([{ type: 'uint256' }], [123n * 10n ** 12n]) }) } as unknown as PublicClient;
    const r = await run(report(), { ...tx(), chainId: 10 }, client);
    const rows = r.cards[0]!.rows.map((row) => row.label.en);
    expect(rows).toContain('of which L1 data fee');
  });

  it('a failing gas service leaves the verdict alone and says why in the card', async () => {
    const r = await reviewRequest(tx(), { now: Date.now, services: { gas: async () => { throw new Error('node down'); } } }, { analyzers: [gasTimingAnalyzer] });
    expect(r.verdict).toBe('ok');
    expect(r.cards[0]?.note?.en).toContain('node down');
  });

  it('reviews a wallet_sendCalls batch: gas summed over the calls, no fees to apply (the wallet sets them), fees to enter in the card', async () => {
    const calls = { method: 'wallet_sendCalls' as const, params: [{ version: '2.0.0', from: '0x1111111111111111111111111111111111111111', chainId: '0x1', atomicRequired: true, calls: [{ to: '0x2222222222222222222222222222222222222222', value: '0x1' }, { to: '0x3333333333333333333333333333333333333333', data: '0x095ea7b3' }] }], origin: 'https://a.example', chainId: 1 };
    const gasLimits: bigint[] = [];
    const r = await reviewRequest(calls, { now: Date.now, services: { gas: async (_c: number, g: bigint) => (gasLimits.push(g), report({ nextBaseFee: 30n * GWEI })) } }, { analyzers: [gasTimingAnalyzer] });
    expect(gasLimits).toEqual([21_000n + 100_000n]); // EIP-5792 calls carry no gas (MetaMask refuses a call with one): estimated per call
    expect(r.suggestedFees).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['gas-spike']);
    const card = r.cards.find((c) => c.kind === 'gas')!;
    expect(card.rows.map((row) => row.label.en)).toContain('Gas for 2 calls (estimated)');
    expect(card.note?.en).toContain('enter max fee 16.00 gwei');
  });

  it('a high max fee with a normal tip costs nothing extra: no finding (EIP-1559 pays min(max fee, base + tip))', async () => {
    const r = await run(report(), tx({ maxFeePerGas: hex(1_000n * GWEI), maxPriorityFeePerGas: hex(GWEI) }));
    expect(r.findings).toEqual([]);
  });

  it('a high tip overpays: warn, with the amount in ETH and dollars', async () => {
    const r = await reviewRequest(tx({ maxFeePerGas: hex(200n * GWEI), maxPriorityFeePerGas: hex(50n * GWEI), gas: hex(100_000n) }), { now: Date.now, ethUsd: 3_000, services: { gas: async () => report() } }, { analyzers: [gasTimingAnalyzer] });
    const f = r.findings.find((x) => x.code === 'fee-above-recommended')!;
    // pays 10 + 50 = 60 gwei, needs 10 + 1 = 11: 49 gwei × 100,000 gas = 0.0049 ETH ≈ $14.70
    expect(f.severity).toBe('warn');
    expect(f.title.en).toContain('0.0049 ETH ≈ $15');
  });

  it('a slightly high tip is dust: info', async () => {
    const r = await run(report(), tx({ maxFeePerGas: hex(100n * GWEI), maxPriorityFeePerGas: hex(3n * GWEI) }));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['fee-above-recommended', 'info']]);
  });

  it('a max fee without a priority fee: MetaMask tips the whole cap, and the finding says so', async () => {
    const r = await run(report(), tx({ maxFeePerGas: hex(100n * GWEI) }));
    const f = r.findings.find((x) => x.code === 'fee-above-recommended')!;
    expect(f.severity).toBe('warn'); // 100 − 11 = 89 gwei × 21,000 = 0.001869 ETH
    expect(f.detail!.en).toContain('without a priority fee');
  });

  it('a legacy gasPrice is paid in full: far above the need is flagged, near it is not', async () => {
    const over = await run(report(), tx({ gasPrice: hex(60n * GWEI) }));
    expect(over.findings.map((f) => [f.code, f.severity])).toEqual([['fee-above-recommended', 'warn']]);
    const fine = await run(report(), tx({ gasPrice: hex(11n * GWEI) }));
    expect(fine.findings).toEqual([]);
  });

  it('without a gas service the analyzer says nothing', async () => {
    const r = await reviewRequest(tx(), { now: Date.now }, { analyzers: [gasTimingAnalyzer] });
    expect(r.cards).toEqual([]);
    expect(r.suggestedFees).toBeUndefined();
  });
});
