import { text, type Localized } from '../i18n/localized';

/** An allowance this large is "unlimited" in practice: 2^128 exceeds every real token supply (SHIB ≈ 2^109 base units). */
export const UNLIMITED_THRESHOLD = 2n ** 128n;

/** Significant digits shown by default (the issue's 4–6: six, trailing zeros dropped). */
export const DEFAULT_SIGNIFICANT = 6;

/** Below this (10^-6 of a whole token) an amount reads "< 0.000001": the exact value is one click away. */
const DUST_EXPONENT = 6;

/** From this many integer digits on, amounts read as "3.403 × 10²⁰" instead of a 21-digit number. */
const SCIENTIFIC_FROM_DIGITS = 16;
/** Base units (unknown decimals) are counts people compare digit by digit: written out up to 2^96 or so. */
const BASE_UNITS_SCIENTIFIC_FROM_DIGITS = 30;

export interface FormattedAmount {
  /** What a person reads: 4–6 significant digits, grouped ("9,066.11"), "< 0.000001", "unlimited". */
  text: Localized;
  /** Every digit, ungrouped, as a decimal in whole tokens (or base units when decimals are unknown). */
  exact: string;
  /** The full raw value in base units, decimal. */
  raw: string;
  kind: 'zero' | 'dust' | 'normal' | 'large' | 'unlimited' | 'base-units';
}

export interface AmountOptions {
  /** An allowance: ≥ 2^128 base units reads "unlimited". Transfers never do (a transfer that large is shown as it is). */
  allowance?: boolean;
  /** Significant digits (default 6). */
  significant?: number;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 20 → "²⁰", for "× 10²⁰". */
export const superscript = (n: number): string => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!).replace('-', '⁻');

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Base units → the exact decimal in whole tokens ("9066.108938801491315813"), no grouping, no trailing zeros. */
export function exactDecimal(raw: bigint, decimals: number): string {
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const digits = abs.toString().padStart(decimals + 1, '0');
  const whole = decimals > 0 ? digits.slice(0, -decimals) : digits;
  const fraction = decimals > 0 ? digits.slice(-decimals).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "9066.108938801491315813" → base units and the decimals the string carries; undefined when it is not a plain decimal. */
export function parseDecimal(value: string): { raw: bigint; decimals: number } | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim().replace(/,/g, ''));
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  const raw = BigInt(`${m[2]}${fraction}`);
  return { raw: m[1] ? -raw : raw, decimals: fraction.length };
}

/** Rounds |raw| / 10^decimals to `significant` digits (never dropping integer digits), half up. */
function roundSignificant(abs: bigint, decimals: number, significant: number): { whole: string; fraction: string } {
  const length = abs.toString().length;
  const integerDigits = length - decimals; // ≤ 0 when the value is below 1
  const keep = integerDigits >= significant ? 0 : Math.min(decimals, integerDigits > 0 ? significant - integerDigits : -integerDigits + significant);
  const drop = decimals - keep;
  const scaled = drop > 0 ? (abs + pow10(drop) / 2n) / pow10(drop) : abs;
  const digits = scaled.toString().padStart(keep + 1, '0');
  return { whole: keep > 0 ? digits.slice(0, -keep) : digits, fraction: keep > 0 ? digits.slice(-keep).replace(/0+$/, '') : '' };
}

/** "3.403 × 10²⁰" for values with more integer digits than anyone reads. */
function scientific(abs: bigint, decimals: number): string {
  const digits = abs.toString();
  const exponent = digits.length - 1 - decimals;
  const mantissa = roundSignificant(BigInt(digits), digits.length - 1, 4);
  // Rounding 9.9996 gives 10: keep the mantissa below 10.
  if (mantissa.whole === '10') return `1 × 10${superscript(exponent + 1)}`;
  return `${mantissa.whole}${mantissa.fraction ? `.${mantissa.fraction}` : ''} × 10${superscript(exponent)}`;
}

/**
 * A token amount for people: 6 significant digits (trailing zeros dropped), thousands grouped, "< 0.000001" for
 * dust, "unlimited" for allowances ≥ 2^128, "3.403 × 10²⁰" beyond 15 integer digits (29 for base units), and base units when the
 * token's decimals are unknown (`decimals` undefined). `exact` always holds every digit.
 */
export function formatTokenAmount(raw: bigint, decimals: number | undefined, options: AmountOptions = {}): FormattedAmount {
  const significant = options.significant ?? DEFAULT_SIGNIFICANT;
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const sign = negative ? '-' : '';
  const rawText = raw.toString();
  const same = (s: string): Localized => text(s, s);
  if (options.allowance && abs >= UNLIMITED_THRESHOLD) return { text: text('unlimited', '無制限'), exact: decimals === undefined ? rawText : exactDecimal(raw, decimals), raw: rawText, kind: 'unlimited' };
  if (decimals === undefined) {
    const n = `${sign}${abs.toString().length >= BASE_UNITS_SCIENTIFIC_FROM_DIGITS ? scientific(abs, 0) : group(abs.toString())}`;
    return { text: text(`${n} base units`, `${n}（最小単位）`), exact: rawText, raw: rawText, kind: 'base-units' };
  }
  const exact = exactDecimal(raw, decimals);
  if (abs === 0n) return { text: same('0'), exact, raw: rawText, kind: 'zero' };
  if (decimals > DUST_EXPONENT && abs * pow10(DUST_EXPONENT) < pow10(decimals)) return { text: same(negative ? '> -0.000001' : '< 0.000001'), exact, raw: rawText, kind: 'dust' };
  if (abs.toString().length - decimals >= SCIENTIFIC_FROM_DIGITS) return { text: same(`${sign}${scientific(abs, decimals)}`), exact, raw: rawText, kind: 'large' };
  const { whole, fraction } = roundSignificant(abs, decimals, significant);
  return { text: same(`${sign}${group(whole)}${fraction ? `.${fraction}` : ''}`), exact, raw: rawText, kind: 'normal' };
}

/** Amount and symbol in both languages: "9,066.11 VOL", "unlimited USDC" / "無制限の USDC", "1,000 base units of 0xcccc…cccc". */
export function tokenAmountText(raw: bigint, decimals: number | undefined, symbol: string, options: AmountOptions = {}): Localized & { exact: string } {
  const f = formatTokenAmount(raw, decimals, options);
  if (f.kind === 'unlimited') return { en: `unlimited ${symbol}`, ja: `無制限の ${symbol}`, exact: f.exact };
  if (f.kind === 'base-units') return { en: `${f.text.en} of ${symbol}`, ja: `${symbol} ${f.text.ja}`, exact: f.exact };
  return { en: `${f.text.en} ${symbol}`, ja: `${f.text.ja} ${symbol}`, exact: f.exact };
}

/** A decimal string of whole tokens (as AssetChange.amount carries it) formatted like formatTokenAmount. */
export function formatDecimalAmount(value: string, options: AmountOptions = {}): FormattedAmount {
  const parsed = parseDecimal(value);
  if (!parsed) return { text: text(value, value), exact: value, raw: value, kind: 'normal' };
  return formatTokenAmount(parsed.raw, parsed.decimals, options);
}

/**
 * A JavaScript number (planner outputs, balances as floats) with the same rules: `significant` digits without
 * dropping integer digits, grouped, "< 0.000001" below that, no exponent notation.
 */
export function formatNumber(x: number, significant = DEFAULT_SIGNIFICANT): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '-∞' : '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 10 ** -DUST_EXPONENT) return x < 0 ? '> -0.000001' : '< 0.000001';
  const integerDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 0;
  if (integerDigits >= SCIENTIFIC_FROM_DIGITS) {
    const [mantissa = '', exponent = ''] = abs.toExponential(3).split('e+');
    return `${x < 0 ? '-' : ''}${mantissa.replace(/\.?0+$/, '')} × 10${superscript(Number(exponent))}`;
  }
  const options: Intl.NumberFormatOptions = abs >= 1 ? { maximumFractionDigits: Math.max(0, significant - integerDigits) } : { maximumSignificantDigits: significant, maximumFractionDigits: 20 };
  return new Intl.NumberFormat('en-US', options).format(x);
}
