import { describe, expect, it } from 'vitest';
import { nextBaseFee } from './next-base-fee';
import { decodeOpStackExtraData, opStackNextBaseFee, OpStackExtraDataError } from './op-stack-params';

const CANYON = { elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n };

describe('OP-stack header-encoded EIP-1559 parameters', () => {
  it('decodes Holocene (version 0) and Jovian (version 1) extraData', () => {
    expect(decodeOpStackExtraData('0x00000000fa00000006')).toEqual({ version: 0, denominator: 250n, elasticity: 6n });
    expect(decodeOpStackExtraData('0x01000000fa000000020000000000000000')).toEqual({ version: 1, denominator: 250n, elasticity: 2n, minBaseFee: 0n });
    expect(decodeOpStackExtraData('0x0100000032000000040000000005f5e100')).toEqual({ version: 1, denominator: 50n, elasticity: 4n, minBaseFee: 100_000_000n });
  });
  it('reads nothing before Holocene (empty extraData) and rejects shapes no node produces', () => {
    expect(decodeOpStackExtraData('0x')).toBeUndefined();
    expect(decodeOpStackExtraData(undefined)).toBeUndefined();
    expect(() => decodeOpStackExtraData('0x00000000fa000000060000000000000000')).toThrow(OpStackExtraDataError); // 17 bytes with version 0
    expect(() => decodeOpStackExtraData('0x0100000000000000000000000000000000')).toThrow(OpStackExtraDataError); // zero denominator
    expect(() => decodeOpStackExtraData('0x02000000fa00000006')).toThrow(OpStackExtraDataError);
    expect(() => decodeOpStackExtraData('0xzz')).toThrow(OpStackExtraDataError);
  });
  it('uses the header’s parameters, not the chain constants, once the header carries them', () => {
    const parent = { baseFeePerGas: 1_000_000n, gasUsed: 30_000_000n, gasLimit: 60_000_000n };
    // Elasticity 2 from the header: the block is exactly at target, the fee stays; the Canyon constants (6) would raise it.
    expect(opStackNextBaseFee({ ...parent, extraData: '0x00000000fa00000002' }, CANYON)).toBe(1_000_000n);
    expect(opStackNextBaseFee({ ...parent, extraData: '0x' }, CANYON)).toBe(nextBaseFee(parent, CANYON));
    expect(opStackNextBaseFee({ ...parent, extraData: '0x' }, CANYON)).toBeGreaterThan(1_000_000n);
    // Denominator 50 from the header: a full block raises the fee by 1/50 of the excess share.
    expect(opStackNextBaseFee({ baseFeePerGas: 1_000_000n, gasUsed: 60_000_000n, gasLimit: 60_000_000n, extraData: '0x000000003200000002' }, CANYON)).toBe(1_020_000n);
  });
  it('Jovian: meters max(gasUsed, DA footprint) and clamps to the minimum base fee', () => {
    const jovian = '0x01000000fa00000002' + (1_000n).toString(16).padStart(16, '0');
    // Low gas, high DA footprint (blobGasUsed): the footprint drives the fee up.
    const up = opStackNextBaseFee({ baseFeePerGas: 5_000n, gasUsed: 1_000_000n, gasLimit: 60_000_000n, blobGasUsed: 60_000_000n, extraData: jovian }, CANYON);
    expect(up).toBe(5_000n + (5_000n * 30_000_000n) / 30_000_000n / 250n);
    // An empty block would take the fee below the minimum: clamped.
    expect(opStackNextBaseFee({ baseFeePerGas: 1_001n, gasUsed: 0n, gasLimit: 60_000_000n, blobGasUsed: 0n, extraData: jovian }, CANYON)).toBe(1_000n);
    // Holocene (version 0) ignores blobGasUsed.
    expect(opStackNextBaseFee({ baseFeePerGas: 5_000n, gasUsed: 30_000_000n, gasLimit: 60_000_000n, blobGasUsed: 60_000_000n, extraData: '0x00000000fa00000002' }, CANYON)).toBe(5_000n);
  });
});
