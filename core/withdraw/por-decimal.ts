/**
 * Decimal strings as OKX's verifier handles them (Go's shopspring/decimal): exact parsing, sums
 * rounded toward zero to 8 places, and String() formatting (no exponent, trailing zeros trimmed,
 * "0" for zero). Values are bigint at 18 decimal places internally.
 */
import { ProofFormatError } from './errors';

const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

export function parseDecimal(s: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new ProofFormatError(`"${s}" is not a decimal number`);
  const frac = m[3] ?? '';
  if (frac.length > SCALE) throw new ProofFormatError(`"${s}" has more than ${SCALE} decimals`);
  const v = BigInt(m[2]!) * ONE + BigInt((frac + '0'.repeat(SCALE)).slice(0, SCALE));
  return m[1] ? -v : v;
}

/** RoundDown(places): toward zero. */
export function roundDown(v: bigint, places: number): bigint {
  const unit = 10n ** BigInt(SCALE - places);
  return (v / unit) * unit; // bigint division truncates toward zero
}

export function formatDecimal(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / ONE;
  const frac = (a % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  const s = frac ? `${whole}.${frac}` : `${whole}`;
  return neg && s !== '0' ? `-${s}` : s;
}
