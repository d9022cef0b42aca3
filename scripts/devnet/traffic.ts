/**
 * Traffic generator: mines a block every `blockTimeSec` and, before each block, sends a seeded
 * pseudo-random amount of gas-burning transactions from other dev accounts, so blocks are unevenly
 * full and the base fee really moves up and down. Given a devnet (`startTraffic(devnet, { seed })`)
 * it also sends a seeded number of ETH and USDC transfers and V2/V3 swaps per block, with varied
 * priority fees. Returns a stop function.
 */
import { encodeFunctionData, maxUint256, parseAbi, parseEther, parseUnits, type Address, type Hex } from 'viem';
import { mintableErc20Abi, swapRouterAbi } from './abis.ts';
import { createClients, type DevnetClients } from './chain.ts';

export interface TrafficOptions {
  rpcUrl: string;
  accounts: Address[];
  gasBurner: Address;
  seed: number;
  /** Seconds between blocks (anvil interval mining, whole seconds). */
  blockTimeSec?: number;
  /** When given, each block also carries transfers and swaps through these contracts. */
  contracts?: TrafficContracts;
}

export interface TrafficContracts {
  weth: Address;
  usdc: Address;
  v2Router: Address;
  swapRouter: Address;
}

/** The parts of a `Devnet` the traffic needs (structural, so this module does not import index.ts). */
export interface TrafficDevnet {
  rpcUrl: string;
  accounts: Address[];
  contracts: TrafficContracts & { gasBurner: Address };
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

const FAR_DEADLINE = 2n ** 40n;
/** Gas left free in every block for the user's transactions (a dApp swap asks for up to 600k). */
const USER_HEADROOM = 3_000_000;
const v2EthAbi = parseAbi([
  'function swapExactETHForTokens(uint amountOutMin, address[] path, address to, uint deadline) payable returns (uint[] amounts)',
  'function swapExactTokensForETH(uint amountIn, uint amountOutMin, address[] path, address to, uint deadline) returns (uint[] amounts)',
]);

interface SmallTx {
  from: Address;
  to: Address;
  data?: Hex;
  value?: bigint;
  gas: bigint;
}

/** `startTraffic(devnet, { seed })`, or the older single-object form `startTraffic({ rpcUrl, accounts, gasBurner, seed })`. */
export async function startTraffic(
  target: TrafficOptions | TrafficDevnet,
  extra: { seed?: number; blockTimeSec?: number } = {},
): Promise<() => Promise<void>> {
  const opts: TrafficOptions =
    'gasBurner' in target
      ? target
      : {
          rpcUrl: target.rpcUrl,
          // account 0 is the user; 1..8 send traffic
          accounts: target.accounts.slice(1, 9),
          gasBurner: target.contracts.gasBurner,
          contracts: target.contracts,
          seed: extra.seed ?? 1,
          blockTimeSec: extra.blockTimeSec,
        };
  const c = createClients(opts.rpcUrl);
  const random = prng(opts.seed);
  // A separate stream for transfers and swaps keeps the gas-burner sequence of a seed unchanged.
  const randomSmall = prng(opts.seed ^ 0x9e3779b9);
  const block = await c.publicClient.getBlock();
  const gasLimit = Number(block.gasLimit);
  if (opts.contracts) await prepareSenders(c, opts.accounts, opts.contracts);
  // Blocks are mined by the loop below (one batch, then evm_mine), so a batch never straddles two
  // blocks; anvil's own interval miner would split batches and drop what no longer fits.
  await c.testClient.setAutomine(false);
  let running = true;
  let inflight: Promise<void> = Promise.resolve();

  const tick = async () => {
    const nonces = nonceTracker(c);
    const baseFee = (await c.publicClient.getBlock()).baseFeePerGas ?? 1_000_000_000n;
    let smallGas = 0;
    if (opts.contracts) {
      const small = planSmall(randomSmall, opts.accounts, opts.contracts);
      smallGas = small.reduce((sum, t) => sum + Number(t.gas), 0);
      await sendSmall(c, randomSmall, small, nonces, baseFee);
    }
    // Fullness between ~5 % and ~95 % of the limit, in a few large transactions. Anvil drops (does not
    // carry over) a transaction whose gas limit no longer fits in the block, so the traffic's gas limits
    // stay within the target and USER_HEADROOM is always left for the user's own transactions.
    const share = Math.min(0.05 + 0.9 * random() ** 1.5, 1 - USER_HEADROOM / gasLimit);
    const txCount = 1 + Math.floor(random() * 4);
    const perTx = Math.floor((gasLimit * share - smallGas) / txCount);
    for (let i = 0; i < txCount && perTx >= 30_000; i++) {
      const from = opts.accounts[Math.floor(random() * opts.accounts.length)]!;
      const tip = nonces.tip(from, 1_000_000_000n);
      await c.walletClient
        .sendTransaction({ account: from, to: opts.gasBurner, gas: BigInt(perTx), nonce: await nonces.next(from), maxPriorityFeePerGas: tip, maxFeePerGas: baseFee * 2n + tip, chain: null })
        .catch(() => nonces.reset(from)); // a rejected send only skips this transaction
    }
  };
  const blockMs = (opts.blockTimeSec ?? 2) * 1000;
  const loop = async () => {
    while (running) {
      const started = Date.now();
      inflight = tick()
        .then(() => c.testClient.mine({ blocks: 1 }))
        .catch(() => undefined);
      await inflight;
      await new Promise((r) => setTimeout(r, Math.max(0, blockMs - (Date.now() - started))));
    }
  };
  void loop();
  return async () => {
    running = false;
    await inflight;
    // As before this generator mined blocks itself: the chain keeps its block time after traffic stops.
    await c.testClient.setIntervalMining({ interval: Math.max(1, Math.round(opts.blockTimeSec ?? 2)) }).catch(() => undefined);
  };
}

/** Traffic accounts get USDC (open mint) and approve the routers; mined with the next block. */
async function prepareSenders(c: DevnetClients, senders: Address[], k: TrafficContracts): Promise<void> {
  // One at a time: concurrent sends from one account race for the same nonce.
  for (const from of senders) {
    const send = (to: Address, data: Hex) => c.walletClient.sendTransaction({ account: from, to, data, gas: 120_000n, chain: null });
    await send(k.usdc, encodeFunctionData({ abi: mintableErc20Abi, functionName: 'mint', args: [from, parseUnits('1000000', 6)] }));
    for (const spender of [k.v2Router, k.swapRouter]) {
      await send(k.usdc, encodeFunctionData({ abi: mintableErc20Abi, functionName: 'approve', args: [spender, maxUint256] }));
    }
  }
}

/** 0–14 transfers and swaps (both directions, so prices wander rather than trend). */
function planSmall(random: () => number, senders: Address[], k: TrafficContracts): SmallTx[] {
  const pick = () => senders[Math.floor(random() * senders.length)]!;
  const ethAmount = () => Math.exp(Math.log(0.01) + random() * Math.log(300)); // 0.01 … 3 ETH, log-uniform
  const txs: SmallTx[] = [];
  const count = Math.floor(random() * 15);
  for (let i = 0; i < count; i++) {
    const from = pick();
    const to = pick();
    const kind = random();
    const eth = ethAmount();
    const wei = parseEther(eth.toFixed(6));
    const usdc = parseUnits((eth * 3000).toFixed(2), 6);
    if (kind < 0.25) {
      txs.push({ from, to, value: wei, gas: 21_000n });
    } else if (kind < 0.4) {
      txs.push({ from, to: k.usdc, data: encodeFunctionData({ abi: mintableErc20Abi, functionName: 'transfer', args: [to, usdc] }), gas: 80_000n });
    } else if (kind < 0.55) {
      txs.push({ from, to: k.v2Router, value: wei, gas: 250_000n, data: encodeFunctionData({ abi: v2EthAbi, functionName: 'swapExactETHForTokens', args: [0n, [k.weth, k.usdc], from, FAR_DEADLINE] }) });
    } else if (kind < 0.7) {
      txs.push({ from, to: k.v2Router, gas: 250_000n, data: encodeFunctionData({ abi: v2EthAbi, functionName: 'swapExactTokensForETH', args: [usdc, 0n, [k.usdc, k.weth], from, FAR_DEADLINE] }) });
    } else {
      // V3 WETH/USDC 0.3 %; SwapRouter wraps the ETH sent along when tokenIn is WETH.
      const sell = random() < 0.5;
      txs.push({
        from,
        to: k.swapRouter,
        value: sell ? wei : undefined,
        gas: 350_000n,
        data: encodeFunctionData({
          abi: swapRouterAbi,
          functionName: 'exactInputSingle',
          args: [{ tokenIn: sell ? k.weth : k.usdc, tokenOut: sell ? k.usdc : k.weth, fee: 3000, recipient: from, deadline: FAR_DEADLINE, amountIn: sell ? wei : usdc, amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }],
        }),
      });
    }
  }
  return txs;
}

/**
 * Per-sender bookkeeping for one block's batch. Explicit nonces: left to anvil, a send with explicit
 * fees can get the nonce of a transaction still in the pool and silently replace it. Non-increasing
 * tips: anvil 1.7.1's fee-ordered miner drops (not defers) a sender's later transaction when it pays
 * a higher tip than the sender's earlier one still waiting in the same block.
 */
function nonceTracker(c: DevnetClients) {
  const next = new Map<Address, number>();
  const lastTip = new Map<Address, bigint>();
  return {
    tip(from: Address, wanted: bigint): bigint {
      const last = lastTip.get(from);
      const tip = last !== undefined && last < wanted ? last : wanted;
      lastTip.set(from, tip);
      return tip;
    },
    async next(from: Address): Promise<number> {
      const n = next.get(from) ?? (await c.publicClient.getTransactionCount({ address: from, blockTag: 'pending' }));
      next.set(from, n + 1);
      return n;
    },
    reset(from: Address): void {
      next.delete(from);
    },
  };
}

async function sendSmall(c: DevnetClients, random: () => number, txs: SmallTx[], nonces: ReturnType<typeof nonceTracker>, baseFee: bigint): Promise<void> {
  for (const tx of txs) {
    // Varied tips (0.02 … 3 gwei) so fee-history reward percentiles are not flat.
    const tip = nonces.tip(tx.from, BigInt(Math.round(Math.exp(Math.log(0.02) + random() * Math.log(150)) * 1e9)));
    await c.walletClient
      .sendTransaction({ account: tx.from, to: tx.to, data: tx.data, value: tx.value, gas: tx.gas, nonce: await nonces.next(tx.from), maxPriorityFeePerGas: tip, maxFeePerGas: baseFee * 2n + tip, chain: null })
      .catch(() => nonces.reset(tx.from));
  }
}

