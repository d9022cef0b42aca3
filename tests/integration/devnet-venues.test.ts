import { createPublicClient, http, parseAbi } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET_VENUES } from '../../core/withdraw/venues';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet({ quiet: true });
}, 120_000);
afterAll(async () => devnet?.stop());

const lower = (a: string | undefined) => a?.toLowerCase();

describe('devnet venues in the chain config (the Withdraw tab plans over them)', () => {
  it('match the addresses a fresh devnet deploys to', async () => {
    const c = devnet.contracts;
    const token = (s: string) => lower(DEVNET_VENUES.tokens.find((t) => t.symbol === s)?.address);
    expect(lower(DEVNET_VENUES.wrappedNative)).toBe(lower(c.weth));
    expect(token('WETH')).toBe(lower(c.weth));
    expect(token('USDC')).toBe(lower(c.usdc));
    expect(token('VOL')).toBe(lower(c.vol));
    expect(lower(DEVNET_VENUES.v2?.factory)).toBe(lower(c.v2Factory));
    expect(lower(DEVNET_VENUES.v2?.router)).toBe(lower(c.v2Router));
    expect(lower(DEVNET_VENUES.v3?.factory)).toBe(lower(c.v3Factory));
    expect(lower(DEVNET_VENUES.v3?.router)).toBe(lower(c.swapRouter));
  });

  it('the listed decimals are the tokens’ own, and the factories know the WETH/USDC pools', async () => {
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const erc20 = parseAbi(['function decimals() view returns (uint8)']);
    for (const t of DEVNET_VENUES.tokens) expect(await client.readContract({ address: t.address, abi: erc20, functionName: 'decimals' })).toBe(t.decimals);
    const weth = DEVNET_VENUES.wrappedNative;
    const usdc = DEVNET_VENUES.tokens.find((t) => t.symbol === 'USDC')!.address;
    const pair = await client.readContract({ address: DEVNET_VENUES.v2!.factory, abi: parseAbi(['function getPair(address,address) view returns (address)']), functionName: 'getPair', args: [weth, usdc] });
    expect(lower(pair)).toBe(lower(devnet.pools.v2[0]!.pair));
    const pool = await client.readContract({ address: DEVNET_VENUES.v3!.factory, abi: parseAbi(['function getPool(address,address,uint24) view returns (address)']), functionName: 'getPool', args: [weth, usdc, 3000] });
    expect(lower(pool)).toBe(lower(devnet.pools.v3[0]!.pool));
  });
});
