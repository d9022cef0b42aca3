/**
 * The names scam contracts give the payable function a phishing page asks the victim to call: the page promises a
 * claim, a reward, a "security update" or a "network merge", and the function keeps whatever ETH is sent to it.
 * This list is the data; `selectors.generated.ts` holds the selectors of every name in both letter cases the kits
 * use (Claim / claim) with each argument list below, computed with viem's toFunctionSelector by
 * `npx tsx scripts/build/scam-selectors.ts` and checked against these names in `scam-calls.test.ts`.
 *
 * Sources (read for the names only):
 * - Revoke.cash's browser extension, `potentialScamSignatures` in src/lib/constants.ts (RevokeCash/browser-extension):
 *   SecurityUpdate, ClaimReward, ClaimRewards, Claim, SafeClaim, ClaimAirdrop, NetworkMerge, Verify, each in both
 *   cases, "also: confirm(), connect(), start(), gift(), enable()".
 * - A drainer kit's ETH-taking contract on GitHub (a verified "Ether" contract forwarding msg.value to the operator):
 *   Verify, Check, Connect, Raffle, Join, Claim, Enter, Swap, SecurityUpdate, Update, Execute, Multicall,
 *   ClaimReward, ClaimRewards, Bridge, Gift, Confirm, Enable, and SecurityUpdate(address sender).
 * - Verified scam contracts in cassc/etherscan-contract-crawler: contracts/0x5a577eca538b40080bc2eb4bdc87fe5157cbda47
 *   (Claim, ClaimReward, SecurityUpdate, Execute, Swap, Connect, each taking `address sender`) and
 *   bsc_contracts/0x9853b5402bd7d5ebb60c6d6aeb00e80b62feac42 (SecurityUpdate()).
 * Names honest payable calls use (mint, deposit, buy, bid, wrap, addLiquidityETH: Revoke.cash's
 * get-new-potential-scam-transactions.ts ignores them) are deliberately not here.
 */
export const SCAM_FUNCTION_NAMES = [
  'SecurityUpdate', 'NetworkMerge', 'Claim', 'ClaimReward', 'ClaimRewards', 'SafeClaim', 'ClaimAirdrop',
  'Verify', 'Confirm', 'Connect', 'Start', 'Gift', 'Enable', 'Check', 'Raffle', 'Join', 'Enter', 'Swap',
  'Update', 'Execute', 'Multicall', 'Bridge',
] as const;

/** The argument lists the kits use: none, or the victim's own address (`SecurityUpdate(address sender)`). */
export const SCAM_ARGUMENT_LISTS = ['', 'address'] as const;

/** Both letter cases the kits use: "SecurityUpdate" and "securityUpdate". */
export function letterCases(name: string): string[] {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return camel === name ? [name] : [name, camel];
}

/** Every signature the selector table covers, e.g. "claim()", "SecurityUpdate(address)". */
export function scamSignatures(): string[] {
  return SCAM_FUNCTION_NAMES.flatMap((n) => letterCases(n).flatMap((c) => SCAM_ARGUMENT_LISTS.map((args) => `${c}(${args})`)));
}
