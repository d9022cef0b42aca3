import type { PublicClient } from 'viem';

/** The RPC answers for another chain than the one the wallet is on: its answers are about the wrong state. */
export class WrongChainError extends Error {
  override name = 'WrongChainError';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The RPC for chain ${expected} answers as chain ${actual}. Fix the RPC URL in Settings.`);
  }
}

/** Resolves when the client serves `chainId`; rejects with WrongChainError, or with the transport's error. */
export async function verifyChain(client: PublicClient, chainId: number): Promise<void> {
  const actual = await client.getChainId();
  if (actual !== chainId) throw new WrongChainError(chainId, actual);
}
