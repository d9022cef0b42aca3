import { describe, expect, it } from 'vitest';
import { POOL_LENS_BYTECODE } from '../lens-bytecode';
import { compileLens } from './compile';

describe('PoolLens bytecode', () => {
  it('is exactly what PoolLens.sol compiles to (regenerate with `npx tsx core/mev/pool/lens/compile.ts`)', () => {
    expect(compileLens().bytecode).toBe(POOL_LENS_BYTECODE);
  }, 120_000);
});
