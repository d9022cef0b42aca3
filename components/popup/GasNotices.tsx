import type { Lang } from '@/core/i18n/localized';
import type { GasReportResponse } from '@/core/messages';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, tf } from '@/components/i18n/ui-text';
import { gasErrorKind, span } from './gas-format';

/** Why there is no outlook: no RPC, a node that did not answer, too little history (data-kind: no-rpc | history | rpc). */
export function GasError({ error, lang }: { error: string; lang: Lang }) {
  return <ErrorNotice error={error} lang={lang} title={t(lang, 'gasError')} testId="gas-error" dataKind={gasErrorKind(error)} />;
}

/** What limits this outlook: a node without eth_feeHistory, a chain without EIP-1559, little history so far. */
export function GasNotices({ report, lang }: { report: GasReportResponse['report']; lang: Lang }) {
  const notes: { key: string; text: string }[] = [];
  if (report.sync.mode === 'blocks') notes.push({ key: 'blocks', text: t(lang, 'gasModeBlocks') });
  if (report.sync.mode === 'legacy') notes.push({ key: 'legacy', text: t(lang, 'gasModeLegacy') });
  if (report.outlook.hours.length === 0) notes.push({ key: 'history', text: tf(lang, 'gasHistoryShort', { have: span(report.historySeconds, lang) }) });
  const { missingBlocks } = report.sync;
  if (missingBlocks > 0 && report.sync.mode === 'fee-history') {
    const pct = Math.floor((100 * report.storedBlocks) / (report.storedBlocks + missingBlocks));
    notes.push({ key: 'backfill', text: tf(lang, 'gasBackfill', { pct }) });
  }
  if (notes.length === 0) return null;
  return (
    <ul className="notices" data-testid="gas-notices">
      {notes.map((n) => (
        <li key={n.key} className="small" data-kind={n.key}>
          {n.text}
        </li>
      ))}
    </ul>
  );
}
