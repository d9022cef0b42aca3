import { formatTokenAmount } from '@/core/format/amount';
import { formatFiat } from '@/core/format/fiat';
import { formatGwei } from '@/core/format/gas';
import { pick, type Lang } from '@/core/i18n/localized';
import type { Fiat } from '@/core/settings/settings';
import { tf } from '@/components/i18n/ui-text';
import { when } from '@/components/i18n/time';

/** Wei (decimal string or bigint) as gwei with sensible precision (core/format/gas.ts). */
export const gwei = (wei: string | bigint): string => formatGwei(wei);

/** Unix seconds as a time of the advice in the user's zone: "14:05" today, "tomorrow 02:10" (components/i18n/time.ts). */
export function clock(unix: number, lang: Lang): string {
  return when(unix * 1000, lang);
}

/** A span of seconds as "3 h" / "25 min". */
export function span(seconds: number, lang: Lang): string {
  return seconds >= 3600 ? tf(lang, 'gasHours', { n: Math.floor(seconds / 360) / 10 }) : tf(lang, 'gasMinutes', { n: Math.max(0, Math.round(seconds / 60)) });
}

/** An amount of the native coin (four significant digits: fees), with its fiat value when a price is known. */
export function money(wei: bigint, symbol: string, lang: Lang, fiat: Fiat, price: number | undefined): { coin: string; fiat?: string } {
  const coin = `${pick(formatTokenAmount(wei, 18, { significant: 4 }).text, lang)} ${symbol}`;
  if (price === undefined) return { coin };
  return { coin, fiat: formatFiat((Number(wei) / 1e18) * price, fiat, lang) };
}

export type GasErrorKind = 'no-rpc' | 'history' | 'rpc';

/** What kind of failure a background error is ("Name: message" from components/runtime.ts). */
export function gasErrorKind(message: string): GasErrorKind {
  if (/\b(NoGasRpcError|NoRpcError)\b/.test(message)) return 'no-rpc';
  if (/\bInsufficientHistoryError\b/.test(message)) return 'history';
  return 'rpc';
}
