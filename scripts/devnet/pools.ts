/**
 * Seeds Uniswap pools at several depths, at realistic prices (1 ETH ≈ 3,000 USDC, 1 VOL ≈ 0.0001 ETH):
 * V2 WETH/USDC deep, V2 VOL/WETH shallow, V3 WETH/USDC 0.3 % (full range + a concentrated band),
 * V3 VOL/WETH 1 % shallow (full range).
 */
import { maxUint256, parseEther, parseUnits, type Address } from 'viem';
import { mintableErc20Abi, positionManagerAbi, v2FactoryAbi, v2RouterAbi, v3FactoryAbi, v3PoolAbi, wethAbi } from './abis.ts';
import { isqrt } from '../../core/mev/search.ts';
import { call, type DevnetClients } from './chain.ts';
import type { UniswapDeployment } from './deploy-uniswap.ts';
import type { DevTokens } from './tokens.ts';

export interface PoolInfo {
  v2: { pair: Address; token0: Address; token1: Address; label: string }[];
  v3: { pool: Address; token0: Address; token1: Address; fee: number; label: string }[];
}

const DEADLINE = 2n ** 40n;
const TICK_SPACING: Record<number, number> = { 500: 10, 3000: 60, 10000: 200 };
const MAX_TICK = 887272;

const sorted = (a: Address, b: Address): [Address, Address] => (BigInt(a) < BigInt(b) ? [a, b] : [b, a]);

export async function seedPools(c: DevnetClients, lp: Address, u: UniswapDeployment, t: DevTokens): Promise<PoolInfo> {
  // The liquidity provider's funds.
  await call(c, lp, u.weth, wethAbi, 'deposit', [], parseEther('2000'));
  await call(c, lp, t.usdc, mintableErc20Abi, 'mint', [lp, parseUnits('10000000', 6)]);
  await call(c, lp, t.vol, mintableErc20Abi, 'mint', [lp, parseEther('10000000')]);
  for (const token of [u.weth, t.usdc, t.vol]) {
    for (const spender of [u.v2Router, u.positionManager]) await call(c, lp, token, mintableErc20Abi, 'approve', [spender, maxUint256]);
  }

  const v2: PoolInfo['v2'] = [];
  const addV2 = async (a: Address, b: Address, amountA: bigint, amountB: bigint, label: string) => {
    await call(c, lp, u.v2Router, v2RouterAbi, 'addLiquidity', [a, b, amountA, amountB, 0n, 0n, lp, DEADLINE]);
    const pair = await c.publicClient.readContract({ address: u.v2Factory, abi: v2FactoryAbi, functionName: 'getPair', args: [a, b] });
    const [token0, token1] = sorted(a, b);
    v2.push({ pair, token0, token1, label });
  };
  await addV2(u.weth, t.usdc, parseEther('1000'), parseUnits('3000000', 6), 'V2 WETH/USDC deep (1,000 WETH)');
  await addV2(t.vol, u.weth, parseEther('100000'), parseEther('10'), 'V2 VOL/WETH shallow (10 WETH)');

  const v3: PoolInfo['v3'] = [];
  const addV3 = async (a: Address, b: Address, fee: number, priceBperA: { a: bigint; b: bigint }, positions: { amountA: bigint; amountB: bigint; width?: number }[], label: string) => {
    const [token0, token1] = sorted(a, b);
    // price = token1 per token0 in raw units; sqrtPriceX96 = sqrt(price) * 2^96
    const [amount0, amount1] = token0 === a ? [priceBperA.a, priceBperA.b] : [priceBperA.b, priceBperA.a];
    const sqrtPriceX96 = isqrt((amount1 << 192n) / amount0);
    await call(c, lp, u.v3Factory, v3FactoryAbi, 'createPool', [token0, token1, fee]);
    const pool = await c.publicClient.readContract({ address: u.v3Factory, abi: v3FactoryAbi, functionName: 'getPool', args: [token0, token1, fee] });
    await call(c, lp, pool, v3PoolAbi, 'initialize', [sqrtPriceX96]);
    const [, tick] = await c.publicClient.readContract({ address: pool, abi: v3PoolAbi, functionName: 'slot0' });
    const spacing = TICK_SPACING[fee]!;
    for (const p of positions) {
      const full = Math.floor(MAX_TICK / spacing) * spacing;
      const lower = p.width ? Math.floor((tick - p.width) / spacing) * spacing : -full;
      const upper = p.width ? Math.ceil((tick + p.width) / spacing) * spacing : full;
      const [d0, d1] = token0 === a ? [p.amountA, p.amountB] : [p.amountB, p.amountA];
      await call(c, lp, u.positionManager, positionManagerAbi, 'mint', [
        { token0, token1, fee, tickLower: lower, tickUpper: upper, amount0Desired: d0, amount1Desired: d1, amount0Min: 0n, amount1Min: 0n, recipient: lp, deadline: DEADLINE },
      ]);
    }
    v3.push({ pool, token0, token1, fee, label });
  };
  await addV3(u.weth, t.usdc, 3000, { a: parseEther('1'), b: parseUnits('3000', 6) }, [
    { amountA: parseEther('300'), amountB: parseUnits('900000', 6) },
    { amountA: parseEther('100'), amountB: parseUnits('300000', 6), width: 1200 },
  ], 'V3 WETH/USDC 0.3 % (full range + ±12 % band)');
  await addV3(t.vol, u.weth, 10000, { a: parseEther('10000'), b: parseEther('1') }, [
    { amountA: parseEther('50000'), amountB: parseEther('5') },
  ], 'V3 VOL/WETH 1 % shallow');
  return { v2, v3 };
}
