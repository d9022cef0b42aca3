import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { resolveRouter, type ReadClient } from './resolve-router';

const F2 = '0x00000000000000000000000000000000000000f2' as Address;
const F3 = '0x00000000000000000000000000000000000000f3' as Address;
const W = '0x00000000000000000000000000000000000000e7' as Address;
const R = '0x0000000000000000000000000000000000000001' as Address;

function client(getters: Partial<Record<'factory' | 'factoryV2' | 'WETH' | 'WETH9', Address>>): ReadClient {
  return {
    readContract: async ({ functionName }) => {
      const v = getters[functionName];
      if (!v) throw new Error('execution reverted');
      return v;
    },
  };
}

describe('resolveRouter (forks recognised by their getters)', () => {
  it('Router02 style (SushiSwap, PancakeSwap, ShibaSwap …)', async () => {
    expect(await resolveRouter(client({ factory: F2, WETH: W }), R)).toEqual({ address: R, style: 'v2', factoryV2: F2, weth: W });
  });
  it('SwapRouter and SwapRouter02 style', async () => {
    expect(await resolveRouter(client({ factory: F3, WETH9: W }), R)).toMatchObject({ style: 'v3', factoryV3: F3 });
    expect(await resolveRouter(client({ factory: F3, factoryV2: F2, WETH9: W }), R)).toMatchObject({ style: 'v3-02', factoryV2: F2, factoryV3: F3 });
  });
  it('anything else is unknown', async () => {
    expect(await resolveRouter(client({}), R)).toEqual({ address: R, style: 'unknown' });
  });
});
