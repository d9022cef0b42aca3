/**
 * MetaMask as a chain source for Preflight's own reads (thin; the rules are core/chain/wallet-reads.ts, the
 * connection components/metamask). Never a page's provider: this is MetaMask's external extension connection.
 */
import { metaMask, MetaMaskNotFoundError, type MetaMaskRequestArgs } from '@/components/metamask';
import { WalletReads } from '@/core/chain/wallet-reads';

/** A read through MetaMask must answer within the review's budget. */
const READ_TIMEOUT_MS = 3_000;
/** How long "no MetaMask here" is believed before probing again (discovery tries several extension ids). */
const ABSENT_MS = 60_000;
/** Longest the "can MetaMask serve this chain" check may take on the review's path. */
const CHECK_BUDGET_MS = 1_500;

const reads = new WalletReads((args) => metaMask.request(args as MetaMaskRequestArgs, { timeoutMs: READ_TIMEOUT_MS }), { busy: () => metaMask.waitingForUser });
let absentUntil = 0;

export type WalletStatus =
  | { reads: (method: string, params: unknown) => Promise<unknown> }
  /** MetaMask answers, but serves another network to Preflight and would have to ask the user to switch. */
  | { servingChain: number }
  | { unavailable: true };

/** Reads of `chainId` through MetaMask when it can serve that chain now without asking the user; else why not. */
export async function walletFor(chainId: number): Promise<WalletStatus> {
  if (Date.now() < absentUntil) return { unavailable: true };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const can = await Promise.race([reads.canServe(chainId), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CHECK_BUDGET_MS)))]);
    if (can) return { reads: (method, params) => reads.read(chainId, method, params) };
    if (can === false) return { servingChain: await reads.servingChain() };
    return { unavailable: true };
  } catch (e) {
    if (e instanceof MetaMaskNotFoundError) absentUntil = Date.now() + ABSENT_MS;
    return { unavailable: true };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this worker has opened MetaMask's connection ahead of a review yet (once per worker start). */
let warmed = false;

/**
 * Opens MetaMask's connection and reads its network and permissions ahead of a review: called when a page about to ask
 * wakes the worker (a press, the pointer, the tab shown again). A stopped worker's first review otherwise waits
 * ~85–105 ms for this (README "Measured"). Once per worker start; nothing is read from any chain or sent to any node.
 */
export function warmWallet(): void {
  if (warmed || Date.now() < absentUntil) return;
  warmed = true;
  void Promise.all([reads.servingChain(), reads.switchable()]).catch((e: unknown) => {
    if (e instanceof MetaMaskNotFoundError) absentUntil = Date.now() + ABSENT_MS;
  });
}
