import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, type Hex } from 'viem';
import { GasInputError, StalePriceError, UnsupportedChainError } from './errors';
import { readFiatRates } from './fiat';
import { arbitrumGasComponents, l1DataFee, opStackL1Fee, type EthCall } from './l2';
import { maxFeeForFullBlocks } from './max-fee';
import { nextBaseFee } from './next-base-fee';
import { peerMaxFees } from './peers';
import { priorityLevels } from './priority';

const GWEI = 1_000_000_000n;

describe('maxFeeForFullBlocks', () => {
  it('covers k full blocks exactly and rounds up', () => {
    let base = 10n * GWEI;
    const cap = maxFeeForFullBlocks(base, 3, 0n);
    for (let i = 0; i < 3; i++) base = nextBaseFee({ baseFeePerGas: base, gasUsed: 30n, gasLimit: 30n });
    expect(cap).toBeGreaterThanOrEqual(base);
    expect(maxFeeForFullBlocks(8n, 1, 2n)).toBe(11n);
    expect(maxFeeForFullBlocks(100n, 0, 1n)).toBe(101n);
    expect(() => maxFeeForFullBlocks(1n, -1, 0n)).toThrow(GasInputError);
  });
});

describe('priorityLevels', () => {
  it('takes nearest-rank quantiles of min included tips', () => {
    const tips = Array.from({ length: 100 }, (_, i) => BigInt(i + 1) * 1000n);
    expect(priorityLevels(tips, 1).map((l) => l.priorityFee)).toEqual([70_000n, 90_000n, 99_000n]);
  });
  it('applies the Polygon floor', () => {
    const [level] = priorityLevels([1n, 2n, 3n], 137, [0.9]);
    expect(level).toEqual({ confidence: 0.9, priorityFee: 30n * GWEI, floored: true });
    expect(() => priorityLevels([], 1)).toThrow(GasInputError);
  });
});

describe('peerMaxFees', () => {
  it('mirrors MetaMask and viem multipliers', () => {
    const fees = peerMaxFees([{ number: 1, timestamp: 1, baseFeePerGas: 100n }], 110n, [[1n, 2n, 3n]]);
    expect(fees['MetaMask low (×1.10)']).toBe(121n + 1n);
    expect(fees['viem default (×1.2)']).toBe(120n + 2n);
  });
});

const word = (types: Array<{ type: string }>, values: readonly unknown[]): Hex => encodeAbiParameters(types, values);

describe('l2', () => {
  it('reads the OP Stack L1 fee and Arbitrum components', async () => {
    const op: EthCall = async ({ to }) => {
      expect(to).toBe('0x420000000000000000000000000000000000000F');
      return { data: word([{ type: 'uint256' }], [1234n]) };
    };
    expect(await opStackL1Fee(op, '0x02f8')).toBe(1234n);
    expect(await l1DataFee(8453, op, { serialized: '0x02', to: '0x0000000000000000000000000000000000000001', data: '0x' })).toBe(1234n);
    const arb: EthCall = async () => ({ data: word([{ type: 'uint64' }, { type: 'uint64' }, { type: 'uint256' }, { type: 'uint256' }], [500_000n, 200_000n, 10_000_000n, 30n * GWEI]) });
    const c = await arbitrumGasComponents(arb, '0x0000000000000000000000000000000000000001', '0x');
    expect(c.l1FeeWei).toBe(200_000n * 10_000_000n);
    expect(await l1DataFee(1, arb, { serialized: '0x', to: '0x0000000000000000000000000000000000000001', data: '0x' })).toBe(0n);
    await expect(opStackL1Fee(async () => ({ data: '0x' }), '0x')).rejects.toThrow(UnsupportedChainError);
  });
});

describe('fiat', () => {
  const feed = (answer: bigint, updatedAt: bigint): EthCall => async ({ data }) =>
    data.startsWith('0x313ce567') ? { data: word([{ type: 'uint8' }], [8]) } : { data: word([{ type: 'uint80' }, { type: 'int256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'uint80' }], [1n, answer, updatedAt, updatedAt, 1n]) };
  it('converts ETH to USD and JPY', async () => {
    const call: EthCall = async (args) => (args.to.toLowerCase().startsWith('0x5f4e') ? feed(3000n * 10n ** 8n, 1000n)(args) : feed(640_000n, 1000n)(args));
    const r = await readFiatRates(call, 1500);
    expect(r.ethUsd).toBe(3000);
    expect(r.ethJpy).toBeCloseTo(3000 / 0.0064, 6);
  });
  it('rejects stale and non-positive prices', async () => {
    await expect(readFiatRates(feed(3000n * 10n ** 8n, 1000n), 1000 + 86400 * 2)).rejects.toThrow(StalePriceError);
    await expect(readFiatRates(feed(0n, 1000n), 1000)).rejects.toThrow(StalePriceError);
  });
});
