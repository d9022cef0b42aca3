/**
 * `preflight review --rpc URL --origin URL --request JSON`
 * Prints the same Review the panel shows. --request is the EIP-1193 request as JSON
 * ({"method": "...", "params": [...]}) or @file.json. Optional: --chain-id N (else asked from the RPC),
 * --known-recipients a,b  --trusted-origins a,b  --trusted-spenders a,b  --timeout MS.
 * Without --rpc the on-chain checks (simulation, contract age, balances) are skipped.
 */
import { readFileSync } from 'node:fs';
import { createPublicClient, http, type PublicClient } from 'viem';
import { parseChainId } from '../../../core/chain/chain-id';
import { createChainClient } from '../../../core/chain/client';
import { createTokenCache } from '../../../core/chain/token';
import { reviewRequest } from '../../../core/review/engine';
import { isReviewedMethod, type Review } from '../../../core/review/types';
import { CliUsageError, requireFlag, type CliArgs } from '../args';

function list(args: CliArgs, name: string): string[] | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : undefined;
}

function readRequest(raw: string): { method: string; params: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw);
  } catch (error) {
    throw new CliUsageError(`--request is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const r = value as { method?: unknown; params?: unknown };
  if (typeof value !== 'object' || value === null || typeof r.method !== 'string') throw new CliUsageError('--request must be {"method": "...", "params": [...]}');
  return { method: r.method, params: r.params };
}

export async function run(args: CliArgs): Promise<Review> {
  const origin = requireFlag(args, 'origin');
  const request = readRequest(requireFlag(args, 'request'));
  if (!isReviewedMethod(request.method)) throw new CliUsageError(`${request.method} is not a reviewed method; it would pass through to the wallet untouched`);
  const rpc = typeof args.flags.rpc === 'string' ? args.flags.rpc : undefined;
  const timeout = typeof args.flags.timeout === 'string' ? Number(args.flags.timeout) : 5_000;
  let chainId = parseChainId(args.flags['chain-id']);
  let client: PublicClient | undefined;
  if (rpc) {
    chainId ??= await createPublicClient({ transport: http(rpc, { timeout }) }).getChainId();
    client = createChainClient({ chainId, userRpc: rpc, usePublicFallbacks: false, timeoutMs: timeout });
  }
  return reviewRequest(
    { method: request.method, params: request.params, origin, chainId: chainId ?? 1 },
    {
      client,
      token: client ? createTokenCache(client) : undefined,
      now: () => Date.now(),
      knownRecipients: list(args, 'known-recipients'),
      trustedOrigins: list(args, 'trusted-origins'),
      trustedSpenders: list(args, 'trusted-spenders'),
    },
    { timeoutMs: timeout },
  );
}
