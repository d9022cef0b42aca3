/**
 * `npx tsx --expose-gc scripts/bench/memory.ts [--n 10000]`: runs N reviews of mixed real-world requests
 * through the review engine (no chain access) and prints the heap after a forced GC at checkpoints, so a
 * leak shows as growth. Prints JSON.
 */
import { encodeFunctionData, maxUint256, parseAbi, toHex } from 'viem';
import { reviewRequest } from '../../core/review/engine';
import type { SigningRequest } from '../../core/review/types';
import { parseArgs } from '../cli/args';

const N = Number(parseArgs(process.argv.slice(2)).flags.n ?? 10_000);
const abi = parseAbi(['function approve(address,uint256)', 'function transfer(address,uint256)']);
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const USER = '0x1111111111111111111111111111111111111111';
const requests = (i: number): SigningRequest => {
  const origin = `https://app${i % 97}.example`;
  switch (i % 4) {
    case 0:
      return { method: 'eth_sendTransaction', params: [{ from: USER, to: USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: ['0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D', maxUint256] }) }], origin, chainId: 1 };
    case 1:
      return { method: 'personal_sign', params: [toHex(`${new URL(origin).host} wants you to sign in with your Ethereum account:\n${USER}\n\nURI: ${origin}\nVersion: 1\nChain ID: 1\nNonce: ${i}abcdefgh\nIssued At: 2026-01-01T00:00:00Z`), USER], origin, chainId: 1 };
    case 2:
      return { method: 'eth_sign', params: [USER, `0x${i.toString(16).padStart(64, '0')}`], origin, chainId: 1 };
    default:
      return { method: 'eth_sendTransaction', params: [{ from: USER, to: USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [USDC, BigInt(i)] }) }], origin, chainId: 1 };
  }
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npx tsx --expose-gc …)');
const heap = () => {
  gc();
  return Math.round(process.memoryUsage().heapUsed / 1024);
};

const checkpoints: { reviews: number; heapKiB: number }[] = [{ reviews: 0, heapKiB: heap() }];
const started = performance.now();
for (let i = 1; i <= N; i++) {
  await reviewRequest(requests(i), { now: Date.now });
  if (i === 1_000 || i % Math.max(1, Math.floor(N / 5)) === 0) checkpoints.push({ reviews: i, heapKiB: heap() });
}
const ms = performance.now() - started;
const after1k = checkpoints.find((c) => c.reviews === 1_000)?.heapKiB ?? checkpoints[0]!.heapKiB;
process.stdout.write(
  JSON.stringify({ reviews: N, totalMs: Math.round(ms), perReviewMs: +(ms / N).toFixed(3), checkpoints, growthAfterWarmupKiB: checkpoints[checkpoints.length - 1]!.heapKiB - after1k }, null, 2) + '\n',
);
