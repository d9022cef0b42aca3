/**
 * A withdrawal step whose transaction reached the chain although its hash was never stored: the wallet
 * answered, and the service worker stopped before the hash was written. At prepare time the step keeps
 * the head and the account's nonce; later, if the nonce has risen, the blocks since then are scanned for
 * a transaction from the account with the step's recipient, calldata and value. The scan goes forward a
 * bounded number of blocks per call and says how far it got, so a caller can resume it; once it has caught
 * up with the head it also gives the nonce there, so nothing is scanned again until the account sends more. Pure: the chain
 * comes in as a JSON-RPC function.
 */
import { blockTransactions, headOf, nonceOf, normHex, txMatchKey, type RpcRequest } from '../chain/account-scan';

export interface SentSearch {
  from: string;
  to: string;
  data: string;
  /** Hex or decimal wei. */
  value: string;
  /** First block to scan (the head when the step was prepared, or where the last scan stopped + 1). */
  fromBlock: number;
  /** The account's nonce when the step was prepared. */
  nonce: number;
}

export type SentSearchResult =
  | { kind: 'found'; hash: string; blockNumber: number }
  /** The account has sent nothing since: the step was not sent. */
  | { kind: 'not-sent' }
  /**
   * Scanned up to this block without a match; resume from the next one. When the scan reached the head,
   * `nonce` is the account's nonce there: every transaction up to it is accounted for, so the next call
   * need not scan again until the nonce rises past it.
   */
  | { kind: 'not-found'; scannedTo: number; nonce?: number };

/** Blocks one call scans at most (each is one eth_getBlockByNumber with full transactions). */
export const DEFAULT_SCAN_BLOCKS = 30;

export async function findSentTransaction(rpc: RpcRequest, search: SentSearch, o: { maxBlocks?: number } = {}): Promise<SentSearchResult> {
  const from = normHex(search.from);
  const head = await headOf(rpc);
  const nonce = await nonceOf(rpc, from, head);
  if (nonce <= search.nonce) return { kind: 'not-sent' };
  const want = txMatchKey(search.to, search.data, search.value);
  const last = Math.min(head, search.fromBlock + (o.maxBlocks ?? DEFAULT_SCAN_BLOCKS) - 1);
  for (let n = search.fromBlock; n <= last; n++) {
    for (const tx of await blockTransactions(rpc, n)) {
      if (normHex(tx.from) === from && txMatchKey(tx.to, tx.input, tx.value) === want) return { kind: 'found', hash: tx.hash, blockNumber: n };
    }
  }
  return last >= head ? { kind: 'not-found', scannedTo: head, nonce } : { kind: 'not-found', scannedTo: Math.max(last, search.fromBlock - 1) };
}
