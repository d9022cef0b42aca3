import type { Lang } from '@/core/i18n/localized';
import type { AssetChange } from '@/core/review/types';
import { t } from '@/components/i18n/ui-text';

export function AssetChanges({ changes, lang }: { changes: readonly AssetChange[]; lang: Lang }) {
  const out = changes.filter((c) => c.direction === 'out');
  const inn = changes.filter((c) => c.direction === 'in');
  const row = (c: AssetChange, i: number) => (
    <li key={i} data-testid="asset-change" data-direction={c.direction}>
      {c.direction === 'out' ? '−' : '+'} {c.amount} {c.symbol}
      {c.tokenId !== undefined ? ` #${c.tokenId}` : ''}
    </li>
  );
  return (
    <div className="assets">
      <div>
        <h3>{t(lang, 'youSend')}</h3>
        <ul>{out.length ? out.map(row) : <li className="muted">—</li>}</ul>
      </div>
      <div>
        <h3>{t(lang, 'youReceive')}</h3>
        <ul>{inn.length ? inn.map(row) : <li className="muted">—</li>}</ul>
      </div>
    </div>
  );
}
