import { formatUnits } from 'viem';

/** An allowance this large is "unlimited" in practice: 2^128 exceeds every real token supply (SHIB ≈ 2^109 base units). */
export const UNLIMITED_THRESHOLD = 2n ** 128n;

export function isUnlimited(amount: bigint): boolean {
  return amount >= UNLIMITED_THRESHOLD;
}

/** 1234567.891 → "1,234,567.89"; keeps small amounts readable ("0.000012"). */
export function formatAmount(raw: bigint, decimals: number, maxFraction = 6): string {
  const negative = raw < 0n;
  const [whole = '0', fraction = ''] = formatUnits(negative ? -raw : raw, decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let frac = fraction.slice(0, maxFraction).replace(/0+$/, '');
  if (!frac && fraction && whole === '0') frac = fraction.replace(/0+$/, '').slice(0, maxFraction + 6);
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

export function shortHex(value: string): string {
  return value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}

/** "0x7a25…488D (Uniswap V2 Router)" or just the short address. */
export function nameAddress(address: string, label: string | undefined): string {
  return label ? `${shortHex(address)} (${label})` : shortHex(address);
}
