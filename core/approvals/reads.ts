/**
 * Batched contract reads for the inventory: viem's multicall through Multicall3 where the chain has it at its
 * canonical address, or viem's deployless multicall (the Multicall3 bytecode sent with the eth_call, nothing deployed)
 * where it does not. One eth_call per batch. Pure: the node comes in as a JSON-RPC function.
 */
import { createPublicClient, custom, type Abi, type Address, type PublicClient } from 'viem';
import { multicall } from 'viem/actions';
import type { RpcRequest } from '../chain/account-scan';
import { MULTICALL3 } from './types';

export interface ContractRead {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

export type ReadResult = { ok: true; value: unknown } | { ok: false };

export type MulticallMode = { multicallAddress: Address } | { deployless: true };

/** Most calls in one eth_call: small enough for every node's request limits, large enough that 500 approvals take a few. */
export const MAX_CALLS_PER_BATCH = 300;

/** A viem client over the JSON-RPC function (no retries of its own: the caller decides). */
export function clientOf(rpc: RpcRequest): PublicClient {
  return createPublicClient({ transport: custom({ request: ({ method, params }: { method: string; params?: unknown }) => rpc(method, (params ?? []) as unknown[]) }, { retryCount: 0 }) }) as PublicClient;
}

/** Multicall3 at its canonical address when the chain has it, else deployless. */
export async function multicallMode(rpc: RpcRequest, blockTag: string = 'latest'): Promise<MulticallMode> {
  const code = await rpc('eth_getCode', [MULTICALL3, blockTag]);
  return typeof code === 'string' && code.length > 2 ? { multicallAddress: MULTICALL3 } : { deployless: true };
}

/** Reads every call, one eth_call per MAX_CALLS_PER_BATCH; a call that reverts (or decodes badly) is `{ ok: false }`. */
export async function batchRead(client: PublicClient, mode: MulticallMode, calls: readonly ContractRead[], blockNumber?: bigint): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for (let i = 0; i < calls.length; i += MAX_CALLS_PER_BATCH) {
    const chunk = calls.slice(i, i + MAX_CALLS_PER_BATCH);
    const results = await multicall(client, {
      contracts: chunk as never,
      allowFailure: true,
      batchSize: 0,
      ...(blockNumber !== undefined ? { blockNumber } : {}),
      ...mode,
    });
    for (const r of results as { status: 'success' | 'failure'; result?: unknown }[]) out.push(r.status === 'success' ? { ok: true, value: r.result } : { ok: false });
  }
  return out;
}
