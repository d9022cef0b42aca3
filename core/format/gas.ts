/** Gas prices for people: gwei with the precision the size calls for, and chart axes without exponent notation. */

const WEI_PER_GWEI = 1_000_000_000n;

const grouped = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The number part of a fee in gwei: "123", "12.34", "0.523", "0.0010"; below 0.0001 gwei, undefined (say it in wei). */
export function gweiNumber(wei: bigint | string | number): string | undefined {
  const w = BigInt(wei);
  const abs = w < 0n ? -w : w;
  if (abs === 0n) return '0';
  if (abs < 100_000n) return undefined;
  const g = Number(w) / 1e9;
  const a = Math.abs(g);
  if (a >= 100) return grouped(BigInt(Math.round(g)));
  if (a >= 1) return g.toFixed(2);
  if (a >= 0.01) return g.toFixed(3);
  return g.toPrecision(2); // 0.0010, 0.00052: two significant digits, never an exponent at this size
}

/** "12.34 gwei", "0.0010 gwei", or "252 wei" for fees below 0.0001 gwei (L2 base fees). */
export function formatGwei(wei: bigint | string | number): string {
  const n = gweiNumber(wei);
  return n === undefined ? `${grouped(BigInt(wei))} wei` : `${n} gwei`;
}

/** Whole gwei and wei for an exact reading ("12.345678901 gwei"). */
export function exactGwei(wei: bigint | string | number): string {
  const w = BigInt(wei);
  const negative = w < 0n;
  const abs = negative ? -w : w;
  const fraction = (abs % WEI_PER_GWEI).toString().padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / WEI_PER_GWEI}${fraction ? `.${fraction}` : ''} gwei`;
}

export type GasUnit = 'gwei' | 'wei';

/** The unit a chart of these fees reads best in: gwei unless the largest is below 0.001 gwei (then wei). */
export function gasChartUnit(maxWei: number): GasUnit {
  return maxWei >= 1e6 ? 'gwei' : 'wei';
}

/** Wei → the chart's unit. */
export function toGasUnit(wei: number, unit: GasUnit): number {
  return unit === 'gwei' ? wei / 1e9 : wei;
}

/** An axis tick in the chart's unit: "120", "12", "1.5", "0.25", "0.004"; plain decimals, never "1e-8". */
export function gasTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  const a = Math.abs(value);
  if (a === 0) return '0';
  if (a >= 100) return Math.round(value).toLocaleString('en-US');
  if (a >= 1) return String(Number(value.toFixed(1)));
  // Two significant digits, written out ("0.00025"), however small.
  const decimals = Math.min(20, Math.max(0, 1 - Math.floor(Math.log10(a))));
  return Number(value.toPrecision(2)).toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
