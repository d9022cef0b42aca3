import type { Lang } from '@/core/i18n/localized';
import type { Fiat } from '@/core/settings/settings';
import { tf } from '@/components/i18n/ui-text';

/** Wei (decimal string or bigint) as gwei with sensible precision. */
export function gwei(wei: string | bigint): string {
  const g = Number(wei) / 1e9;
  if (g < 0.001) return `${BigInt(wei).toLocaleString('en-US')} wei`;
  return `${g < 0.01 ? g.toPrecision(2) : g < 1 ? g.toFixed(3) : g < 100 ? g.toFixed(2) : g.toFixed(0)} gwei`;
}

/** Unix seconds as HH:MM in the user's local time. */
export function clock(unix: number, lang: Lang): string {
  return new Date(unix * 1000).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A span of seconds as "3 h" / "25 min". */
export function span(seconds: number, lang: Lang): string {
  return seconds >= 3600 ? tf(lang, 'gasHours', { n: Math.floor(seconds / 360) / 10 }) : tf(lang, 'gasMinutes', { n: Math.max(0, Math.round(seconds / 60)) });
}

/** An amount of the native coin, with its fiat value when a price is known. */
export function money(wei: bigint, symbol: string, lang: Lang, fiat: Fiat, price: number | undefined): { coin: string; fiat?: string } {
  const amount = Number(wei) / 1e18;
  const coin = `${amount < 0.0001 ? amount.toPrecision(2) : amount.toFixed(6)} ${symbol}`;
  if (price === undefined) return { coin };
  return { coin, fiat: new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: fiat, maximumFractionDigits: fiat === 'JPY' ? 0 : 2 }).format(amount * price) };
}

export type GasErrorKind = 'no-rpc' | 'history' | 'rpc';

/** What kind of failure a background error is ("Name: message" from components/runtime.ts). */
export function gasErrorKind(message: string): GasErrorKind {
  if (/\b(NoGasRpcError|NoRpcError)\b/.test(message)) return 'no-rpc';
  if (/\bInsufficientHistoryError\b/.test(message)) return 'history';
  return 'rpc';
}
