import { BaseError, decodeErrorResult, numberToHex, type Address, type Hex, type PublicClient } from 'viem';
import type { TxFields } from './request';
import type { SimLog } from './asset-changes';

export interface SimulatedCall {
  ok: boolean;
  gasUsed: bigint;
  logs: SimLog[];
  /** Decoded revert reason ("Error(string)" text, a Panic, or a custom error selector). */
  revertReason?: string;
}

export type SimulationOutcome =
  /** eth_simulateV1 ran the whole sequence, with transfer tracing. */
  | { mode: 'simulate'; calls: SimulatedCall[] }
  /** The RPC lacks eth_simulateV1: a dry run (eth_call + eth_estimateGas) of the first call, no asset list. */
  | { mode: 'dry-run'; ok: boolean; gas?: bigint; revertReason?: string; why: string };

const PANICS: Record<number, string> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division by zero',
  0x21: 'invalid enum value',
  0x31: 'pop from empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised function',
};

/** Error(string) → its text; Panic(uint) → what it means; anything else → the selector. */
export function decodeRevert(data: Hex | undefined, fallbackMessage?: string): string {
  if (data && data.length >= 10) {
    try {
      const e = decodeErrorResult({ abi: [], data });
      if (e.errorName === 'Error') return String(e.args?.[0] ?? '');
      if (e.errorName === 'Panic') {
        const code = Number(e.args?.[0] ?? 0);
        return `panic 0x${code.toString(16)} (${PANICS[code] ?? 'unknown'})`;
      }
    } catch {
      return `custom error ${data.slice(0, 10)}`;
    }
  }
  const m = fallbackMessage?.match(/execution reverted:?\s*(.*)/i);
  if (m) return m[1]?.trim() || 'reverted without a reason';
  return fallbackMessage?.split('\n')[0]?.slice(0, 200) || 'reverted without a reason';
}

/** The revert data hidden in a viem error chain, if any. */
function revertDataOf(error: unknown): Hex | undefined {
  let found: Hex | undefined;
  const look = (e: unknown) => {
    const d = (e as { data?: unknown }).data;
    const hex = typeof d === 'string' ? d : typeof d === 'object' && d !== null ? (d as { data?: unknown }).data : undefined;
    if (typeof hex === 'string' && /^0x[0-9a-f]*$/i.test(hex) && hex.length >= 10) found = hex as Hex;
    return found !== undefined;
  };
  if (error instanceof BaseError) error.walk(look);
  else look(error);
  return found;
}

function messageOf(error: unknown): string {
  if (error instanceof BaseError) return error.details || error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

const rpcCall = (from: Address, t: TxFields) => ({
  from,
  to: t.to,
  data: t.data,
  value: numberToHex(t.value),
  ...(t.gas !== undefined ? { gas: numberToHex(t.gas) } : {}),
});

/** eth_simulateV1 block overrides: a later block number and timestamp (hex), as the time-dependence check sets them. */
export interface BlockOverrides {
  number?: Hex;
  time?: Hex;
}

/**
 * The calls in order, as one sequence, in one simulated block on top of the latest (eth_simulateV1, traceTransfers,
 * no validation), with `blockOverrides` when given. Throws when the node cannot run it.
 */
export async function simulateSequence(client: PublicClient, from: Address, calls: readonly TxFields[], blockOverrides?: BlockOverrides): Promise<SimulatedCall[]> {
  const blocks = await client.request({
    method: 'eth_simulateV1',
    params: [{ blockStateCalls: [{ ...(blockOverrides ? { blockOverrides } : {}), calls: calls.map((c) => rpcCall(from, c)) }], traceTransfers: true, validation: false }, 'latest'],
  });
  const results = blocks[0]?.calls ?? [];
  if (results.length !== calls.length) throw new Error(`eth_simulateV1 answered ${results.length} results for ${calls.length} calls`);
  return results.map((r) => {
    const ok = r.status === '0x1';
    return {
      ok,
      gasUsed: BigInt(r.gasUsed),
      logs: (r.logs ?? []).map((l) => ({ address: l.address, topics: l.topics as readonly string[], data: l.data })),
      revertReason: ok ? undefined : decodeRevert(r.error?.data ?? (r.returnData !== '0x' ? r.returnData : undefined), r.error?.message),
    };
  });
}

/**
 * Simulates the calls in order, as one sequence, with eth_simulateV1 (traceTransfers, no validation).
 * Falls back to eth_call + eth_estimateGas when the RPC does not offer eth_simulateV1.
 * Throws only when the RPC fails both ways (down, timing out).
 */
export async function simulateCalls(client: PublicClient, from: Address, calls: readonly TxFields[]): Promise<SimulationOutcome> {
  let why: string;
  try {
    return { mode: 'simulate', calls: await simulateSequence(client, from, calls) };
  } catch (error) {
    why = messageOf(error).slice(0, 200);
  }
  const first = calls[0];
  if (!first) return { mode: 'dry-run', ok: true, why };
  const request = { account: from, to: first.to, data: first.data, value: first.value, gas: first.gas };
  try {
    await client.call(request);
  } catch (error) {
    // A node that is down is not a revert: let the engine report the analysis as failed.
    if (!revertDataOf(error) && !/revert|invalid opcode|out of gas/i.test(messageOf(error))) throw error;
    return { mode: 'dry-run', ok: false, revertReason: decodeRevert(revertDataOf(error), messageOf(error)), why };
  }
  const gas = await client.estimateGas(request).catch(() => undefined);
  return { mode: 'dry-run', ok: true, gas, why };
}
