/**
 * Bridges as parameters: fee, time and the trust class of what could steal or freeze the funds.
 * The canonical rollup bridges are listed with their real delays; third-party bridges are entered
 * by the user (or a future registry) with the same fields.
 */

export type TrustClass = 'none' | 'native-rollup' | 'zk' | 'optimistic' | 'intent-relayer' | 'federation' | 'custodian';

/**
 * Lower is better: 'none' (no bridge: L1 only); 'native-rollup' (the rollup's own bridge: as safe as
 * the rollup); 'zk' (a third-party bridge verifying validity proofs of the source chain);
 * 'optimistic' (third-party bridge with a fraud-proof window and watchers); 'intent-relayer' (a
 * relayer fronts the funds and is repaid later: the user's risk is short, the relayer's settlement
 * system is trusted); 'federation' (m-of-n signers, e.g. Liquid's 11-of-15); 'custodian' (one
 * company holds the funds).
 */
export const TRUST_RANK: Readonly<Record<TrustClass, number>> = {
  none: 0,
  'native-rollup': 1,
  zk: 2,
  optimistic: 3,
  'intent-relayer': 4,
  federation: 5,
  custodian: 6,
};

export interface Bridge {
  id: string;
  name: string;
  from: string;
  to: string;
  trust: TrustClass;
  /** Fee as a share of the value bridged, bps. */
  feeBps: number;
  /** Fixed fee in quote units (relayer fee, LP fee floor ...). */
  feeFixed: number;
  /** Gas of the user's own transactions: [chain, gas units] (e.g. initiate on L2, prove and finalise on L1). */
  gas: readonly (readonly [string, number])[];
  /** Median and 95th-percentile time from sending to funds usable on `to`, hours. */
  p50Hours: number;
  p95Hours: number;
  /** For federations: m of n signers. */
  signers?: { m: number; n: number };
  note?: string;
}

const H = 1;
const MIN = H / 60;
const DAY = 24 * H;

/**
 * Canonical bridges (assumptions, from the rollups' documentation as of 2025; edit here when they change):
 * - OP Stack (OP Mainnet, Base): deposits are included ~1–3 min after the L1 transaction; withdrawals
 *   need the output root proposed (~1 h), a prove transaction, then the 7-day fault-proof window, then
 *   finalise on L1: ≈ 7 d + 1 h, up to ~7.5 d when proposals lag.
 * - Arbitrum One: deposits (retryable tickets) ~10 min; withdrawals wait the challenge period of
 *   45,818 L1 blocks (≈ 6.4 days) after the assertion, then an L1 execute: ≈ 6.5–7 d.
 * - ZKsync Era: deposits ~15 min; withdrawals are final once the batch is proven and executed on L1
 *   (execution delay ≈ 3 h today, 24 h historically), then a finalise transaction on L1.
 */
export const CANONICAL_BRIDGES: readonly Bridge[] = [
  { id: 'op-deposit', name: 'OP Mainnet canonical bridge (deposit)', from: 'ethereum', to: 'optimism', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['ethereum', 120_000]], p50Hours: 3 * MIN, p95Hours: 20 * MIN },
  { id: 'op-withdraw', name: 'OP Mainnet canonical bridge (withdrawal)', from: 'optimism', to: 'ethereum', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['optimism', 150_000], ['ethereum', 350_000], ['ethereum', 250_000]], p50Hours: 7 * DAY + 1 * H, p95Hours: 7 * DAY + 12 * H, note: '7-day fault-proof window; prove, then finalise on Ethereum' },
  { id: 'base-deposit', name: 'Base canonical bridge (deposit)', from: 'ethereum', to: 'base', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['ethereum', 120_000]], p50Hours: 3 * MIN, p95Hours: 20 * MIN },
  { id: 'base-withdraw', name: 'Base canonical bridge (withdrawal)', from: 'base', to: 'ethereum', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['base', 150_000], ['ethereum', 350_000], ['ethereum', 250_000]], p50Hours: 7 * DAY + 1 * H, p95Hours: 7 * DAY + 12 * H, note: '7-day fault-proof window; prove, then finalise on Ethereum' },
  { id: 'arbitrum-deposit', name: 'Arbitrum One canonical bridge (deposit)', from: 'ethereum', to: 'arbitrum', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['ethereum', 150_000]], p50Hours: 10 * MIN, p95Hours: 30 * MIN },
  { id: 'arbitrum-withdraw', name: 'Arbitrum One canonical bridge (withdrawal)', from: 'arbitrum', to: 'ethereum', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['arbitrum', 150_000], ['ethereum', 200_000]], p50Hours: 6.5 * DAY, p95Hours: 7 * DAY, note: 'challenge period of 45,818 L1 blocks, then execute on Ethereum' },
  { id: 'zksync-deposit', name: 'ZKsync Era canonical bridge (deposit)', from: 'ethereum', to: 'zksync', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['ethereum', 150_000]], p50Hours: 15 * MIN, p95Hours: 1 * H },
  { id: 'zksync-withdraw', name: 'ZKsync Era canonical bridge (withdrawal)', from: 'zksync', to: 'ethereum', trust: 'native-rollup', feeBps: 0, feeFixed: 0, gas: [['zksync', 200_000], ['ethereum', 300_000]], p50Hours: 4 * H, p95Hours: 24 * H, note: 'final after the batch is proven and executed on Ethereum' },
];

export function canonicalBridge(from: string, to: string): Bridge | undefined {
  return CANONICAL_BRIDGES.find((b) => b.from === from && b.to === to);
}

/** Fee (quote units) for bridging `value` (quote units). */
export const bridgeFee = (b: Bridge, value: number): number => (value * b.feeBps) / 10_000 + b.feeFixed;

/** The worst trust class along a path of bridges ('none' without bridges). */
export function worstTrust(bridges: readonly Bridge[]): TrustClass {
  return bridges.reduce<TrustClass>((w, b) => (TRUST_RANK[b.trust] > TRUST_RANK[w] ? b.trust : w), 'none');
}
