/**
 * Honest airdrop claims that charge a fee through a scam-looking name (a payable `claim()`), by chain: Revoke.cash's
 * own allow list for its suspected-scam warning, `AddressAllowList[SUSPECTED_SCAM]` in RevokeCash/browser-extension
 * src/lib/constants.ts, with the chains its comments give. Data only; lower-cased.
 */
export const HONEST_CLAIMS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: {
    '0xd0c155595929fd6be034c3848c00daebc6d330f6': 'omni.network claim',
    '0x61a58cba8e715bfe1b93cfa1695c14979a6006d2': 'unvest.io claim',
  },
  8453: { '0xae2b459e55c5391e807830549f4ca7965b81ac55': 'unvest.io claim' },
  324: { '0x1eb7bcab5edf75b5e02c9a72d3287e322ebaefdb': 'tevaera.com claim' },
};

/** Whether `address` on `chainId` is one of those claims. */
export function isHonestClaim(chainId: number, address: string): boolean {
  return HONEST_CLAIMS[chainId]?.[address.toLowerCase()] !== undefined;
}
