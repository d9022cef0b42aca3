import { pick, type Lang } from '@/core/i18n/localized';
import type { Finding } from '@/core/review/types';
import { t } from '@/components/i18n/ui-text';

/** Plain glyphs in coloured discs (CSS): no emoji font needed. */
const ICON = { info: 'i', warn: '!', danger: '!' } as const;

export function FindingList({ findings, lang }: { findings: readonly Finding[]; lang: Lang }) {
  if (findings.length === 0) return <p className="muted">{t(lang, 'noFindings')}</p>;
  return (
    <>
      <h2 className="section-title" id="findings-title">
        {t(lang, 'findings')}
      </h2>
      <ul className="findings" aria-labelledby="findings-title">
        {findings.map((f, i) => (
          <li key={`${f.code}-${i}`} className={`finding sev-${f.severity}`} data-testid="finding" data-code={f.code} data-severity={f.severity}>
            <span className="icon" aria-hidden="true">
              {ICON[f.severity]}
            </span>
            <div>
              <strong>{pick(f.title, lang)}</strong>
              {f.detail && <p>{pick(f.detail, lang)}</p>}
              <code className="code">{f.code}</code>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
