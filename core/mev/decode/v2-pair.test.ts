import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { keccak256, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { UNISWAP_V2_PAIR_INIT_CODE_HASH, uniswapV2Pair } from './v2-pair';

const require = createRequire(import.meta.url);

describe('Uniswap V2 pair addresses, computed locally', () => {
  it('the init code hash is keccak256 of the UniswapV2Pair creation code in @uniswap/v2-core', () => {
    const pair = JSON.parse(readFileSync(require.resolve('@uniswap/v2-core/build/UniswapV2Pair.json'), 'utf8')) as { bytecode: string };
    expect(keccak256(`0x${pair.bytecode.replace(/^0x/, '')}` as Hex)).toBe(UNISWAP_V2_PAIR_INIT_CODE_HASH);
  });

  it('gives the mainnet pairs at their known addresses, in either token order; nothing for chains without a known factory', () => {
    const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
    const DAI = '0x6b175474e89094c44da98b954eedeac495271d0f';
    const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
    // The DAI/USDC and USDC/WETH pairs Uniswap's interface and Etherscan show.
    expect(uniswapV2Pair(1, USDC, DAI)).toBe('0xae461ca67b15dc8dc81ce7615e0320da1a9ab8d5');
    expect(uniswapV2Pair(1, DAI, USDC)).toBe('0xae461ca67b15dc8dc81ce7615e0320da1a9ab8d5');
    expect(uniswapV2Pair(1, WETH, USDC)).toBe('0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc');
    expect(uniswapV2Pair(8453, USDC, DAI)).toBeUndefined();
  });
});
