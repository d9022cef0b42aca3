import fc from 'fast-check';
import { bytesToHex, concatHex, encodeFunctionData, encodePacked, parseAbi, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { NOW_MS, T } from '../fixtures/build';
import { multiSend, safeTxRequest, SAFE_LIBS } from '../fixtures/safe';
import { MULTISEND_SELECTOR, unpackMultiSend } from './multisend';

const abi = parseAbi(['function multiSend(bytes transactions)', 'function transfer(address to, uint256 amount)']);
const wrap = (packed: Hex) => encodeFunctionData({ abi, functionName: 'multiSend', args: [packed] });
const transfer = encodeFunctionData({ abi, functionName: 'transfer', args: ['0x1fe27a73cd9f0b3c53b6e936d0b4f9b2f8ca3367', 800_000_000n] });

describe('MultiSend payloads', () => {
  it('unpacks each call: operation, to, value, data (a CALL with data, a DELEGATECALL with value and no data)', () => {
    const data = multiSend([{ to: T.USDC, data: transfer }, { operation: 1, to: '0x96221423681a6d52e184d440a8efcebb105c7242', value: 5n }]);
    expect(unpackMultiSend(data)).toEqual({
      calls: [
        { operation: 0, to: T.USDC, value: 0n, data: transfer },
        { operation: 1, to: '0x96221423681a6d52e184d440a8efcebb105c7242', value: 5n, data: '0x' },
      ],
    });
  });

  it('is not a MultiSend when the selector is another', () => {
    expect(unpackMultiSend(transfer)).toBeUndefined();
  });

  it.each([
    ['a header cut short', wrap(encodePacked(['uint8', 'address'], [0, T.USDC])), /cut short: 21 bytes left where its header needs 85/],
    ['a data length past the end', wrap(encodePacked(['uint8', 'address', 'uint256', 'uint256', 'bytes'], [0, T.USDC, 0n, 68n, '0xa9059cbb'])), /says its data is 68 bytes, but only 4 are left/],
    ['operation 2', wrap(encodePacked(['uint8', 'address', 'uint256', 'uint256'], [2, T.USDC, 0n, 0n])), /operation 2/],
    ['bytes that are not ABI-encoded', `${MULTISEND_SELECTOR}00ff` as Hex, /not ABI-encoded/],
  ])('%s: says where it breaks, keeps the calls before it, never throws', (_name, data, reason) => {
    const r = unpackMultiSend(data)!;
    expect(r.malformed?.en).toMatch(reason);
    expect(r.malformed?.ja.length).toBeGreaterThan(0);
  });

  it('the calls read before a break are kept', () => {
    const good = encodePacked(['uint8', 'address', 'uint256', 'uint256', 'bytes'], [0, T.USDC, 0n, 68n, transfer]);
    const r = unpackMultiSend(wrap(concatHex([good, '0x00ff'])))!;
    expect(r.calls).toHaveLength(1);
    expect(r.malformed?.en).toMatch(/^Call 2 is cut short/);
  });

  it('any bytes at all, unpacked and reviewed inside a SafeTx: a verdict, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, abiWrapped) => {
        const data = (abiWrapped ? wrap(bytesToHex(bytes)) : `${MULTISEND_SELECTOR}${bytesToHex(bytes).slice(2)}`) as Hex;
        expect(() => unpackMultiSend(data)).not.toThrow();
        const r = await reviewRequest(safeTxRequest({ safe: '0x5afe00000000000000000000000000000000cafe', chainId: 1, tx: { to: SAFE_LIBS.MULTISEND_130, operation: 1, data, nonce: 1 } }), { now: () => NOW_MS });
        expect(['ok', 'caution', 'danger']).toContain(r.verdict);
        expect(r.findings.filter((f) => f.code === 'analysis-failed')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
