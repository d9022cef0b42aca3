/**
 * `preflight mev --rpc URL --tx JSON [--private] [--eth-usd N] [--expected-move-bps N]
 *   [--tip-gwei N] [--factory-v2 A --factory-v3 A --weth A]`
 * tx JSON: {"from","to","data","value"} (value decimal or hex). Prints the MEV analysis.
 */
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { analyzeSwap } from '../../../core/mev';
import { CliUsageError, requireFlag, type CliArgs } from '../args';

function flag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export async function run(args: CliArgs): Promise<unknown> {
  const rpc = requireFlag(args, 'rpc');
  let tx: { from?: Address; to: Address; data: Hex; value?: string | number };
  try {
    tx = JSON.parse(requireFlag(args, 'tx')) as typeof tx;
  } catch {
    throw new CliUsageError('--tx must be JSON: {"to":"0x…","data":"0x…","value":"0"}');
  }
  if (!tx.to || !tx.data) throw new CliUsageError('--tx needs "to" and "data"');
  const client = createPublicClient({ transport: http(rpc, { batch: true }) });
  const [chainId, block, tip] = await Promise.all([
    client.getChainId(),
    client.getBlock(),
    client.estimateMaxPriorityFeePerGas().catch(() => 1_000_000_000n),
  ]);
  const tipGwei = flag(args, 'tip-gwei');
  const v2 = flag(args, 'factory-v2') as Address | undefined;
  const v3 = flag(args, 'factory-v3') as Address | undefined;
  const weth = flag(args, 'weth') as Address | undefined;
  const started = performance.now();
  const analysis = await analyzeSwap({
    client,
    tx: { from: tx.from, to: tx.to, data: tx.data, value: tx.value === undefined ? 0n : BigInt(tx.value) },
    chainId,
    baseFeeWei: block.baseFeePerGas ?? 0n,
    priorityFeeWei: tipGwei ? BigInt(Math.round(Number(tipGwei) * 1e9)) : tip,
    ethPriceUsd: flag(args, 'eth-usd') ? Number(flag(args, 'eth-usd')) : undefined,
    privateRpc: args.flags['private'] === true,
    expectedMoveBps: flag(args, 'expected-move-bps') ? Number(flag(args, 'expected-move-bps')) : undefined,
    factories: v2 || v3 || weth ? { v2, v3, weth } : undefined,
  });
  const { pools: _pools, ...rest } = analysis;
  return { ...rest, pools: analysis.pools?.map((p) => ({ protocol: p.protocol, address: p.address })), elapsedMs: Math.round(performance.now() - started) };
}
