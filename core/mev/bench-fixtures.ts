import type { Address } from 'viem';
import { protectionOf } from './protection';
import { syntheticV2Pool, syntheticV3Pool, type Position } from './pool/synthetic';
import type { AssessInput } from './assess';
import { v3Swap } from './pool/v3-swap';

/** Realistic pre-fetched states for the bench and tests: a deep V2 pair and a V3 pool with many ranges. */
export const WETH: Address = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
export const USDC: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const E18 = 10n ** 18n;

export function v2Fixture(amountInEth: bigint, slippageBps: bigint): AssessInput {
  // 2 000 ETH / 6 000 000 USDC; USDC is token0 (lower address)
  const pool = syntheticV2Pool(USDC, WETH, 6_000_000n * 10n ** 6n, 2_000n * E18);
  const amountIn = amountInEth * E18;
  const quote = (amountIn * 997n * pool.reserve0) / (pool.reserve1 * 1000n + amountIn * 997n);
  return {
    intent: {
      chainId: 1, router: '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D', kind: 'v2', method: 'swapExactTokensForTokens',
      hops: [{ protocol: 'v2', tokenIn: WETH, tokenOut: USDC }], tokenIn: WETH, tokenOut: USDC, amountIn,
      amountOutMin: (quote * (10_000n - slippageBps)) / 10_000n, exactInput: true, computable: true,
    },
    pools: [pool], weth: WETH, protection: protectionOf(false, false),
    baseFeeWei: 20_000_000_000n, priorityFeeWei: 1_000_000_000n, ethPriceUsd: 3000,
  };
}

export function v3Fixture(amountInEth: bigint, slippageBps: bigint): AssessInput {
  // price ≈ 3000 USDC/ETH: tick of (1e6·3000 / 1e18) inverted since USDC is token0 → tick ≈ 196 000
  const center = 196_020;
  const positions: Position[] = [];
  for (let i = 0; i < 120; i++) {
    const w = 60 * (1 + (i % 40));
    positions.push({ tickLower: center - w * (1 + (i % 3)), tickUpper: center + w * (1 + ((i + 1) % 3)), liquidity: 10n ** 14n * BigInt(1 + (i % 7)) });
  }
  const pool = syntheticV3Pool({ token0: USDC, token1: WETH, fee: 3000, tickSpacing: 60, tick: center + 7, positions });
  const quote = v3Swap(pool, false, amountInEth * E18).amountOut;
  return {
    intent: {
      chainId: 1, router: '0xE592427A0AEce92De3Edee1F18E0157C05861564', kind: 'v3', method: 'exactInputSingle',
      hops: [{ protocol: 'v3', tokenIn: WETH, tokenOut: USDC, fee: 3000 }], tokenIn: WETH, tokenOut: USDC,
      amountIn: amountInEth * E18, amountOutMin: (quote * (10_000n - slippageBps)) / 10_000n, exactInput: true, computable: true,
    },
    pools: [pool], weth: WETH, protection: protectionOf(false, false),
    baseFeeWei: 20_000_000_000n, priorityFeeWei: 1_000_000_000n, ethPriceUsd: 3000,
  };
}
