/**
 * `npx tsx scripts/bench/later-blocks.ts [--n 200]`: what simulating each transaction again 1 minute and 1 hour later
 * (issue 22, `outcome-depends-on-time`: a head read, then two eth_simulateV1 calls with block overrides, all alongside
 * the review's own simulation) adds to a whole review (every analyzer, core/review/engine.ts) against the devnet's
 * anvil. Two series alternating request by request in one run: the default analyzers, and the same with the later
 * blocks left out (makeSimulationAnalyzer({ laterBlocks: false })). Prints JSON: p50/p95 per series and kind, the
 * difference and the ratio.
 */
import { createPublicClient, encodeFunctionData, http, parseUnits, type PublicClient } from 'viem';
import { createTokenCache } from '../../core/chain/token';
import { DEFAULT_ANALYZERS } from '../../core/review/analyzers';
import { makeSimulationAnalyzer, simulationAnalyzer } from '../../core/review/analyzers/simulation';
import { reviewRequest } from '../../core/review/engine';
import type { SigningRequest } from '../../core/review/types';
import { parseArgs } from '../cli/args';
import { v2RouterAbi } from '../devnet/abis';
import { startDevnet } from '../devnet/index';
import { summarize } from './stats';

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 200);

async function main() {
  const devnet = await startDevnet({ port: 0, seed: 9, traffic: false, quiet: true });
  try {
    const client = createPublicClient({ transport: http(devnet.rpcUrl, { batch: { wait: 0 } }) }) as PublicClient;
    const token = createTokenCache(client);
    const user = devnet.accounts[0]!;
    const k = devnet.contracts;
    const head = await client.getBlock();
    const req = (params: unknown): SigningRequest => ({ method: 'eth_sendTransaction', params: [params], origin: 'http://127.0.0.1:5173', chainId: devnet.chainId });
    const kinds: Record<string, SigningRequest> = {
      'eth-transfer': req({ from: user, to: devnet.accounts[1], value: '0x2386f26fc10000' }),
      'v2-swap': req({ from: user, to: k.v2Router, gas: '0x927c0', data: encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [parseUnits('1000', 6), 0n, [k.usdc, k.weth], user, head.timestamp + 3600n] }) }),
    };
    const without = DEFAULT_ANALYZERS.map((a) => (a === simulationAnalyzer ? makeSimulationAnalyzer({ laterBlocks: false }) : a));
    const time = async (r: SigningRequest, analyzers?: typeof without) => {
      const t0 = performance.now();
      const review = await reviewRequest(r, { client, token, now: () => Date.now() }, { timeoutMs: 10_000, ...(analyzers ? { analyzers } : {}) });
      if (review.findings.some((f) => f.code === 'analysis-failed')) throw new Error(`analysis failed: ${JSON.stringify(review.findings)}`);
      return performance.now() - t0;
    };
    const out: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(kinds)) {
      for (let i = 0; i < 10; i++) await time(r, i % 2 ? without : undefined); // warm-up
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < N; i++) {
        if (i % 2 === 0) {
          on.push(await time(r));
          off.push(await time(r, without));
        } else {
          off.push(await time(r, without));
          on.push(await time(r));
        }
      }
      const a = summarize(on);
      const b = summarize(off);
      out[name] = { with_later_blocks: a, without_later_blocks: b, added_ms: { p50: Math.round((a.p50 - b.p50) * 10) / 10, p95: Math.round((a.p95 - b.p95) * 10) / 10 }, ratio: { p50: Math.round((a.p50 / b.p50) * 1000) / 1000, p95: Math.round((a.p95 / b.p95) * 1000) / 1000 } };
      process.stderr.write(`[later-blocks] ${name}: ${a.p50}/${a.p95} ms with, ${b.p50}/${b.p95} ms without (p50/p95)\n`);
    }
    process.stdout.write(JSON.stringify({ reviews_per_series: N, ...out }, null, 2) + '\n');
  } finally {
    await devnet.stop();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
