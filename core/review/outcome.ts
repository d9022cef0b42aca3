import { keccak256, type Address, type Hex, type PublicClient } from 'viem';
import type { TxFields } from './request';
import { decodeApproval } from './analyzers/approval';
import { decodeTransfer } from './transfers';
import { netChanges } from './asset-changes';
import type { SimulationOutcome } from './simulate';
import type { AssetChange } from './types';

/**
 * What a transaction (or a batch) would do, in a form that can be stored with the review and compared later with
 * the same request simulated again (the re-check at release, core/review/recheck.ts) or at a later block
 * (core/review/time-dependence.ts). Amounts are base units as decimal strings, so it survives JSON and IndexedDB.
 */
export interface OutcomeAsset {
  asset: 'native' | Address;
  standard: AssetChange['standard'];
  tokenId?: string;
  /** The user's net movement in base units: positive = received, negative = sent. Decimal string. */
  delta: string;
  symbol: string;
  decimals: number;
}

/** Who a request hands assets or rights to, and the contract it calls. */
export type PartyRole = 'called' | 'recipient' | 'spender';

export interface OutcomeParty {
  address: Address;
  role: PartyRole;
  /** keccak256 of the runtime code; null: no code (a plain account); undefined: the node did not answer. */
  codeHash?: Hex | null;
}

export interface Outcome {
  /** 'simulate': eth_simulateV1 with transfer tracing; 'dry-run': eth_call only, no asset list. */
  mode: 'simulate' | 'dry-run';
  /** The first call that fails (its index in a batch) and why. */
  revert?: { reason: string; call?: number };
  /** Net movements for the user (none listed when the sequence reverts); undefined in dry-run mode. */
  assets?: OutcomeAsset[];
  parties: OutcomeParty[];
}

/** At most this many addresses have their code read: every call's target and counterparty in an ordinary batch. */
export const MAX_PARTIES = 8;

const lower = (a: string) => a.toLowerCase() as Address;

/**
 * The addresses whose code matters to the user, from the calls alone (pure): each call's target (a recipient when the
 * call is a plain send), the recipient of a token transfer, the spender or operator of an approval.
 */
export function partiesOf(calls: readonly TxFields[]): { address: Address; role: PartyRole }[] {
  const seen = new Map<string, PartyRole>();
  const add = (address: string | undefined, role: PartyRole) => {
    if (!address || !/^0x[0-9a-fA-F]{40}$/.test(address)) return;
    const key = address.toLowerCase();
    // A spender or recipient role says more than "called": it wins when one address has both.
    if (!seen.has(key) || seen.get(key) === 'called') seen.set(key, role);
  };
  for (const c of calls) {
    if (!c.to) continue;
    add(c.to, c.data === '0x' ? 'recipient' : 'called');
    const transfer = decodeTransfer(c);
    if (transfer?.kind === 'token') add(transfer.recipient, 'recipient');
    const approval = decodeApproval(lower(c.to), c.data);
    if (approval?.kind === 'erc20' || approval?.kind === 'permit2') add(approval.spender, 'spender');
    if (approval?.kind === 'all' && approval.approved) add(approval.operator, 'spender');
  }
  return [...seen].slice(0, MAX_PARTIES).map(([address, role]) => ({ address: address as Address, role }));
}

/** The runtime code of each party (read in parallel), with its hash; a failed read leaves the hash undefined. */
export async function readParties(client: PublicClient, parties: readonly { address: Address; role: PartyRole }[]): Promise<{ parties: OutcomeParty[]; code: Map<string, Hex> }> {
  const code = new Map<string, Hex>();
  const read = await Promise.all(
    parties.map(async (p): Promise<OutcomeParty> => {
      try {
        const c = (await client.getCode({ address: p.address })) ?? '0x';
        if (c !== '0x') code.set(p.address, c);
        return { ...p, codeHash: c === '0x' ? null : keccak256(c) };
      } catch {
        return { ...p };
      }
    }),
  );
  return { parties: read, code };
}

/** Token symbol and decimals for an asset (the caller's cached reader). */
export type AssetMeta = (asset: Address) => Promise<{ symbol: string; decimals: number }>;

/** The outcome of a simulation for `from`: its revert, or its net asset movements with symbols and decimals. */
export async function outcomeOf(sim: SimulationOutcome, from: Address, parties: OutcomeParty[], meta: AssetMeta, nativeSymbol: string): Promise<Outcome> {
  if (sim.mode === 'dry-run') return { mode: 'dry-run', ...(sim.ok ? {} : { revert: { reason: sim.revertReason ?? 'reverted' } }), parties };
  const failed = sim.calls.findIndex((c) => !c.ok);
  if (failed >= 0) return { mode: 'simulate', revert: { reason: sim.calls[failed]!.revertReason ?? 'reverted', ...(sim.calls.length > 1 ? { call: failed } : {}) }, assets: [], parties };
  const raw = netChanges(sim.calls.flatMap((c) => c.logs), from);
  const assets = await Promise.all(
    raw.map(async (c): Promise<OutcomeAsset> => {
      const m = c.asset === 'native' ? { symbol: nativeSymbol, decimals: 18 } : c.standard === 'erc20' ? await meta(c.asset) : { ...(await meta(c.asset)), decimals: 0 };
      return { asset: c.asset, standard: c.standard, ...(c.tokenId !== undefined ? { tokenId: c.tokenId.toString() } : {}), delta: c.delta.toString(), symbol: m.symbol, decimals: m.decimals };
    }),
  );
  return { mode: 'simulate', assets, parties };
}
