/**
 * Traffic generator: switches anvil to interval mining and, before each block, sends a seeded
 * pseudo-random amount of gas-burning transactions from other dev accounts, so blocks are unevenly
 * full and the base fee really moves up and down. Returns a stop function.
 */
import type { Address } from 'viem';
import { createClients } from './chain.ts';

export interface TrafficOptions {
  rpcUrl: string;
  accounts: Address[];
  gasBurner: Address;
  seed: number;
  /** Seconds between blocks (anvil interval mining). */
  blockTimeSec?: number;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startTraffic(opts: TrafficOptions): Promise<() => Promise<void>> {
  const c = createClients(opts.rpcUrl);
  const random = prng(opts.seed);
  const block = await c.publicClient.getBlock();
  const gasLimit = Number(block.gasLimit);
  await c.testClient.setIntervalMining({ interval: opts.blockTimeSec ?? 2 });
  let running = true;
  let inflight: Promise<void> = Promise.resolve();

  const tick = async () => {
    // Fullness between ~5 % and ~95 % of the limit, in a few large transactions.
    const share = 0.05 + 0.9 * random() ** 1.5;
    const txCount = 1 + Math.floor(random() * 4);
    const perTx = Math.floor((gasLimit * share) / txCount);
    for (let i = 0; i < txCount; i++) {
      const from = opts.accounts[Math.floor(random() * opts.accounts.length)]!;
      await c.walletClient
        .sendTransaction({ account: from, to: opts.gasBurner, gas: BigInt(Math.max(30_000, perTx)), chain: null })
        .catch(() => undefined); // a full pool or a nonce race only skips this block's traffic
    }
  };
  const loop = async () => {
    while (running) {
      inflight = tick();
      await inflight;
      await new Promise((r) => setTimeout(r, (opts.blockTimeSec ?? 2) * 1000));
    }
  };
  void loop();
  return async () => {
    running = false;
    await inflight;
  };
}
