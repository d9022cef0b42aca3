/**
 * Severity and advice for a swap's sandwich risk.
 *
 * Thresholds (victim's worst-case loss to a sandwich that pays for the attacker):
 *  - danger: loss ≥ US$100, or ≥ 1 % of the trade (100 bps);
 *  - warn:   loss ≥ US$5,  or ≥ 0.1 % of the trade (10 bps);
 *  - none:   below both, or no sandwich pays at the current slippage.
 * Without a USD price only the share applies. A protected route (Flashbots Protect or a declared
 * private RPC) lowers the severity by one step and the advice says why.
 * `high-slippage`: the tolerance is above both 1 % and twice the recommended safe slippage.
 */
export const SEVERITY_THRESHOLDS = {
  dangerUsd: 100,
  dangerShareBps: 100,
  warnUsd: 5,
  warnShareBps: 10,
} as const;

export type MevSeverity = 'none' | 'warn' | 'danger';

export type Advice =
  | { kind: 'ok'; message: string }
  | { kind: 'tighten'; slippageBps: number; message: string }
  | { kind: 'split'; parts: number; slippageBps: number; message: string }
  | { kind: 'private-rpc'; message: string; howTo: string[] }
  | { kind: 'intent-venue'; message: string };

export function severityOf(lossShareBps: number, lossUsd: number | undefined, isProtected: boolean): MevSeverity {
  const t = SEVERITY_THRESHOLDS;
  let s: MevSeverity = 'none';
  if (lossShareBps >= t.dangerShareBps || (lossUsd ?? 0) >= t.dangerUsd) s = 'danger';
  else if (lossShareBps >= t.warnShareBps || (lossUsd ?? 0) >= t.warnUsd) s = 'warn';
  if (isProtected) s = s === 'danger' ? 'warn' : 'none';
  return s;
}

export function isHighSlippage(currentBps: number, recommendedBps: number): boolean {
  return currentBps > 100 && currentBps > 2 * recommendedBps;
}

export const PRIVATE_RPC_HOW_TO = [
  'In MetaMask open Settings → Networks → Ethereum Mainnet (or "Add a network manually").',
  'Set the RPC URL to https://rpc.flashbots.net/fast (Flashbots Protect) and save.',
  'Select that network before confirming the swap; Preflight will detect it and show "protected".',
];

const pct = (bps: number): string => `${(bps / 100).toFixed(2)} %`;

export function adviceFor(input: {
  profitable: boolean;
  isProtected: boolean;
  recommendedBps: number;
  floorBinds: boolean;
  splitParts?: number;
  splitBps?: number;
  severity: MevSeverity;
}): Advice {
  if (input.isProtected) return { kind: 'ok', message: 'Sent privately: public sandwich bots should not see this swap.' };
  if (!input.profitable) return { kind: 'ok', message: 'No sandwich pays at your slippage.' };
  if (!input.floorBinds) {
    return { kind: 'tighten', slippageBps: input.recommendedBps, message: `Set slippage to ${pct(input.recommendedBps)}: no sandwich pays at or below it.` };
  }
  if (input.splitParts && input.splitBps !== undefined) {
    return { kind: 'split', parts: input.splitParts, slippageBps: input.splitBps, message: `Split into ${input.splitParts} swaps at ${pct(input.splitBps)} slippage each.` };
  }
  if (input.severity === 'danger') {
    return { kind: 'private-rpc', message: 'Slippage alone cannot protect this swap: send it through a private RPC (or an intent-based venue such as UniswapX or CoW Swap).', howTo: PRIVATE_RPC_HOW_TO };
  }
  return { kind: 'intent-venue', message: 'Consider an intent-based venue (UniswapX, CoW Swap) where solvers fill the order and sandwiches are not possible.' };
}
