import { technicalDetail } from '../errors/describe-error';
import { text, type Localized } from '../i18n/localized';
import type { Finding } from './types';

/** The finding for a check that could not run: the user can still continue, and is told to look themselves. */
export function analysisFailed(what: Localized, error: unknown): Finding {
  // Cleaned (no request bodies, URL paths, stacks) and short: the first line and viem's "Details:" line.
  const lines = technicalDetail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n').filter((l) => l.trim() !== '');
  const message = [lines[0] ?? 'unknown error', ...lines.slice(1).filter((l) => /^Details:/.test(l))].join(' ').replace(/\.$/, '');
  return {
    code: 'analysis-failed',
    severity: 'warn',
    title: what,
    detail: text(`${message}. You can still continue; check the request in MetaMask yourself.`, `${message}。続行はできますが、MetaMask で内容をご自身で確認してください。`),
  };
}
