import { pick, type Lang } from '@/core/i18n/localized';
import type { ReviewCard } from '@/core/review/types';

/** Cards analyzers add (gas, MEV, typed-data tree…): a title and label/value rows. */
export function Cards({ cards, lang }: { cards: readonly ReviewCard[]; lang: Lang }) {
  return (
    <>
      {cards.map((card, i) => (
        <section key={`${card.kind}-${i}`} className="card" data-testid={`card-${card.kind}`}>
          <h2>{pick(card.title, lang)}</h2>
          <dl>
            {card.rows.map((row, j) => (
              <div key={j} className={row.mono ? 'row mono' : 'row'}>
                <dt>{pick(row.label, lang)}</dt>
                <dd>{typeof row.value === 'string' ? row.value : pick(row.value, lang)}</dd>
              </div>
            ))}
          </dl>
          {card.note && <p className="muted">{pick(card.note, lang)}</p>}
        </section>
      ))}
    </>
  );
}
