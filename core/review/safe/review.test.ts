import { encodeFunctionData, parseAbi } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { DRAINER, FRIEND, MAINNET, NOW_MS, T, USER } from '../fixtures/build';
import { recordedClient } from '../fixtures/recorded-chain';
import { ARB_ADD_OWNER, BYBIT_SAFETX, multiSend, safeTxRequest, SAFE_LIBS } from '../fixtures/safe';
import type { SigningRequest } from '../types';

const abi = parseAbi(['function transfer(address to, uint256 amount)', 'function approve(address spender, uint256 amount)']);
const SAFE = '0x5afe00000000000000000000000000000000cafe';
const review = (r: SigningRequest, chain = false) => reviewRequest(r, { now: () => NOW_MS, client: chain ? recordedClient(MAINNET) : undefined }, { timeoutMs: 5_000 });

describe('Safe transactions: what the review says', () => {
  it('one plain sentence of what the Safe will do', async () => {
    expect((await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { to: FRIEND, value: 5n * 10n ** 18n, nonce: 1 } }))).summary.en).toBe('The Safe 0x5afe…cafe will send 5 ETH to 0x4838…5f97');
    expect((await review(BYBIT_SAFETX)).summary.en).toBe("The Safe 0x1db9…fcf4 will run 0x9622…7242's code as itself (DELEGATECALL)");
    expect((await review(ARB_ADD_OWNER)).summary.en).toBe('The Safe 0x111c…2177 will add owner 0x0c75…c9e5 and set the threshold to 3 signatures');
  });

  it('without a node, an owner change says that the current owners could not be read, and why', async () => {
    const r = await review(ARB_ADD_OWNER);
    const f = r.findings.find((x) => x.code === 'safe-owner-change')!;
    expect(f.detail?.en).toContain('The current owners could not be read (Preflight has no node for this chain)');
    expect(r.cards[0]!.rows.find((x) => x.label.en === 'Owners')?.value).toEqual(expect.objectContaining({ en: 'not read: Preflight has no node for this chain' }));
  });

  it('a node that is not this Safe’s chain (no Safe there): says so instead of inventing owners', async () => {
    const r = await review(ARB_ADD_OWNER, true);
    const f = r.findings.find((x) => x.code === 'safe-owner-change')!;
    expect(f.detail?.en).toContain('there is no Safe at this address on this chain');
  });

  it('a call the Safe makes is reviewed as the Safe’s own transaction: an approval to a personal account inside a batch is found, named by its place', async () => {
    const r = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { to: SAFE_LIBS.MULTISEND_130, operation: 1, data: multiSend([{ to: T.USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [FRIEND, 1n] }) }, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: [DRAINER, 10n ** 12n] }) }]), nonce: 2 } }), true);
    expect(r.verdict).toBe('danger');
    const eoa = r.findings.find((x) => x.code === 'approval-to-eoa')!;
    expect(eoa.title.en).toMatch(/^Safe call 2 of 2: /);
    expect(eoa.title.ja).toMatch(/^Safe 呼び出し 2\/2：/);
  });

  it('a refund to the signer (an owner) is a caution with its figure; to a stranger, danger', async () => {
    const base = { to: FRIEND, value: 1n, baseGas: 100_000n, safeTxGas: 50_000n, gasPrice: 100_000_000_000n, nonce: 3 };
    const toMe = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { ...base, refundReceiver: USER } }));
    expect(toMe.findings.map((f) => [f.code, f.severity])).toEqual([['safe-refund-drain', 'warn']]);
    expect(toMe.findings[0]!.title.en).toBe("The Safe pays a gas refund of at most 0.015 ETH plus the gas of the Safe's own checks to 0xd8da…6045 (you)");
    const toStranger = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { ...base, refundReceiver: DRAINER } }));
    expect(toStranger.findings.map((f) => [f.code, f.severity])).toEqual([['safe-refund-drain', 'danger']]);
    const noRefund = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { ...base, gasPrice: 0n, refundReceiver: DRAINER } }));
    expect(noRefund.findings).toEqual([]);
  });

  it('a DELEGATECALL to a Safe contract that is not a library (the singleton) is still danger, and named', async () => {
    const r = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { to: SAFE_LIBS.SAFE_141, operation: 1, data: '0x', nonce: 4 } }));
    expect(r.findings.map((f) => f.code)).toEqual(['safe-delegatecall']);
    expect(r.findings[0]!.detail?.en).toContain('0x4167…461a (Safe 1.4.1) is a Safe contract, but not one written to be run this way');
  });

  it('MultiSendCallOnly refuses a DELEGATECALL inside it: said, not called a danger (nothing would run)', async () => {
    const r = await review(safeTxRequest({ safe: SAFE, chainId: 1, tx: { to: SAFE_LIBS.MULTISEND_CALL_ONLY_141, operation: 1, data: multiSend([{ operation: 1, to: DRAINER }]), nonce: 5 } }));
    expect(r.findings).toEqual([]);
    expect(r.summary.en).toContain('fail: MultiSendCallOnly refuses DELEGATECALL');
  });

  it('values that are not what their types say are unreadable (danger), never a throw', async () => {
    const typed = JSON.parse((ARB_ADD_OWNER.params as string[])[1]!) as { message: Record<string, unknown> };
    typed.message.data = 'hello';
    const r = await review({ ...ARB_ADD_OWNER, params: [(ARB_ADD_OWNER.params as string[])[0], JSON.stringify(typed)] });
    expect(r.findings.map((f) => f.code)).toContain('safe-unreadable');
    expect(r.verdict).toBe('danger');
  });
});
