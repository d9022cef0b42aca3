import { readFileSync } from 'node:fs';
import { gasDataFile } from './shared-data';
import { describe, expect, it } from 'vitest';
import { parseFeeDataFile } from './blocks-file';
import { GasInputError } from './errors';
import { BLOB_PARAMS, blobBaseFee, fakeExponential, isValidGasLimitChange, nextBaseFee, nextExcessBlobGas } from './next-base-fee';

describe('nextBaseFee', () => {
  it('is 0-wei exact on every consecutive pair of the 2026 mainnet file (incl. gas-limit changes)', () => {
    const file = parseFeeDataFile(readFileSync(gasDataFile('mainnet-2026-01-blocks.json'), 'utf8'));
    if (file.kind !== 'blocks') throw new Error('expected blocks');
    let checked = 0;
    for (let i = 0; i + 1 < file.blocks.length; i++) {
      const p = file.blocks[i]!;
      expect(nextBaseFee({ baseFeePerGas: p.baseFeePerGas, gasUsed: p.gasUsed!, gasLimit: p.gasLimit! })).toBe(file.blocks[i + 1]!.baseFeePerGas);
      checked++;
    }
    expect(checked).toBe(999);
    expect(new Set(file.blocks.map((b) => b.gasLimit)).size).toBeGreaterThan(1);
  });
  it('follows geth: target unchanged, full +12.5 %, empty −12.5 %, minimum increase 1 wei', () => {
    expect(nextBaseFee({ baseFeePerGas: 1000n, gasUsed: 15n, gasLimit: 30n })).toBe(1000n);
    expect(nextBaseFee({ baseFeePerGas: 1000n, gasUsed: 30n, gasLimit: 30n })).toBe(1125n);
    expect(nextBaseFee({ baseFeePerGas: 1000n, gasUsed: 0n, gasLimit: 30n })).toBe(875n);
    expect(nextBaseFee({ baseFeePerGas: 7n, gasUsed: 16n, gasLimit: 30n })).toBe(8n);
    expect(nextBaseFee({ baseFeePerGas: 100n, gasUsed: 60n, gasLimit: 60n }, { elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n })).toBe(102n);
  });
  it('rejects impossible headers', () => {
    expect(() => nextBaseFee({ baseFeePerGas: 1n, gasUsed: 31n, gasLimit: 30n })).toThrow(GasInputError);
    expect(() => nextBaseFee({ baseFeePerGas: -1n, gasUsed: 1n, gasLimit: 30n })).toThrow(GasInputError);
    expect(() => nextBaseFee({ baseFeePerGas: 1n, gasUsed: 0n, gasLimit: 0n })).toThrow(GasInputError);
  });
  it('checks gas-limit moves like geth', () => {
    expect(isValidGasLimitChange(60_000_000n, 60_058_592n)).toBe(true);
    expect(isValidGasLimitChange(60_000_000n, 60_100_000n)).toBe(false);
  });
});

describe('blob base fee', () => {
  it('fake_exponential matches the EIP-4844 reference values', () => {
    expect(fakeExponential(1n, 0n, 1n)).toBe(1n);
    expect(fakeExponential(38493n, 0n, 1000n)).toBe(38493n);
    expect(fakeExponential(1n, 2n, 1n)).toBe(6n); // e^2 ≈ 7.39, truncated series gives 6
    expect(fakeExponential(1n, 1n, 2n)).toBe(1n);
    expect(fakeExponential(2n, 5n, 2n)).toBe(23n);
    expect(fakeExponential(1n, 50000000n, 2225652n)).toBe(5709098764n);
  });
  it('computes excess blob gas for Prague and the EIP-7918 reserve price', () => {
    expect(blobBaseFee(0n, BLOB_PARAMS.prague)).toBe(1n);
    const target = 6n * 131072n;
    expect(nextExcessBlobGas({ excessBlobGas: 0n, blobGasUsed: target - 1n }, BLOB_PARAMS.prague)).toBe(0n);
    expect(nextExcessBlobGas({ excessBlobGas: 1000n, blobGasUsed: 9n * 131072n }, BLOB_PARAMS.prague)).toBe(1000n + 3n * 131072n);
    // Osaka: blob fee (1 wei) below the execution-cost floor → excess grows by used·(max−target)/max.
    expect(nextExcessBlobGas({ excessBlobGas: target, blobGasUsed: 9n * 131072n, baseFeePerGas: 1_000_000_000n }, BLOB_PARAMS.osaka)).toBe(target + (9n * 131072n * 3n) / 9n);
  });
});
