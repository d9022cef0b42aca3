import { formatTokenAmount, UNLIMITED_THRESHOLD } from '../format/amount';

export { UNLIMITED_THRESHOLD };

export function isUnlimited(amount: bigint): boolean {
  return amount >= UNLIMITED_THRESHOLD;
}

/**
 * An amount for a finding title or summary: six significant digits, grouped ("9,066.11"), "< 0.000001" for dust
 * (core/format/amount.ts). Numbers read the same in English and Japanese. Exact values go in cards and asset changes.
 */
export function formatAmount(raw: bigint, decimals: number): string {
  return formatTokenAmount(raw, decimals).text.en;
}

export function shortHex(value: string): string {
  return value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}

/** "0x7a25…488D (Uniswap V2 Router)" or just the short address. */
export function nameAddress(address: string, label: string | undefined): string {
  return label ? `${shortHex(address)} (${label})` : shortHex(address);
}
