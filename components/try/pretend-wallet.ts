import type { Eip1193Like } from '@/core/intercept/wrap-provider';

/** The account the examples come from: Hardhat's and anvil's well-known first test account, holding nothing of value. */
export const PRETEND_ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

export class PretendWalletError extends Error {
  override name = 'PretendWalletError';
  readonly code = 4200;
  constructor() {
    super('This is the test page’s pretend wallet: it never signs or sends anything.');
  }
}

/**
 * A wallet that never signs: it answers the reads a dApp makes first (chain, accounts) and refuses everything else.
 * Nothing it is given leaves the page.
 */
export function pretendWallet(chainIdHex = '0x1'): Eip1193Like & { request: NonNullable<Eip1193Like['request']> } {
  return {
    async request({ method }) {
      if (method === 'eth_chainId') return chainIdHex;
      if (method === 'eth_accounts' || method === 'eth_requestAccounts') return [PRETEND_ACCOUNT];
      throw new PretendWalletError();
    },
  };
}
