import { useCallback, useEffect, useRef, useState } from 'react';
import { pick, text, type Lang } from '@/core/i18n/localized';
import type { Decision, Review, Verdict } from '@/core/review/types';
import type { DecideResponse, ReviewGetResponse } from '@/core/messages';
import type { RecheckResult } from '@/core/review/recheck';
import { analysisFailed } from '@/core/review/analysis-failed';
import { t } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';
import { Amount } from '@/components/Amount';
import { formatDecimalAmount } from '@/core/format/amount';
import type { EthRates, FiatCurrency } from '@/core/format/fiat';
import { formatGwei } from '@/core/format/gas';
import { AssetChanges, changeFiat } from './AssetChanges';
import { Cards } from './Cards';
import { FindingList } from './FindingList';
import { HoldForGas } from './HoldForGas';
import { ExposureLine } from './ExposureLine';
import { RecheckNotice } from './RecheckNotice';

type State =
  | { phase: 'loading'; slow: boolean }
  | { phase: 'ready'; review: Review; origin: string; unsaved?: boolean }
  | { phase: 'failed'; review: Pick<Review, 'verdict' | 'findings' | 'summary'>; origin?: string };

/** One early ask per key, started before the panel renders (entrypoints/review/main.tsx); taken once. */
const prefetched = new Map<string, Promise<ReviewGetResponse>>();

/** Asks the background for `key`'s review now; the panel for that key takes this answer first. */
export function prefetchReview(key: string): void {
  if (prefetched.has(key)) return;
  for (const m of ['preflight:panel:asked', 'preflight:panel:answered']) performance.clearMarks(m);
  performance.mark('preflight:panel:asked');
  const asked = ask<ReviewGetResponse>({ t: 'review:get', key });
  asked.then(() => performance.mark('preflight:panel:answered'), () => undefined);
  prefetched.set(key, asked);
}

/** Asks the background for the review, retrying while a stopped worker restarts, until the deadline. */
async function fetchReview(key: string, deadline: number): Promise<ReviewGetResponse> {
  let lastError: unknown;
  const early = prefetched.get(key);
  prefetched.delete(key);
  if (early) {
    try {
      return await early;
    } catch (error) {
      lastError = error; // asked before the worker was up: ask again below
    }
  }
  while (Date.now() < deadline) {
    try {
      return await ask<ReviewGetResponse>({ t: 'review:get', key });
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw lastError ?? new Error('timed out');
}

export function ReviewPanel({ reviewKey, lang, timeoutMs, currency = 'USD' }: { reviewKey: string; lang: Lang; timeoutMs: number; currency?: FiatCurrency }) {
  const [state, setState] = useState<State>({ phase: 'loading', slow: false });
  const [decided, setDecided] = useState<Decision | undefined>();
  const [applyFees, setApplyFees] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [hold, setHold] = useState<{ targetWei: bigint; expectedAt?: number; deadline?: number } | undefined>();
  const [holdExpired, setHoldExpired] = useState(false);
  /** The release check stopped a Continue: what it found (shown until the user decides). */
  const [recheck, setRecheck] = useState<Exclude<RecheckResult, { status: 'unchanged' }> | undefined>();
  const [decideFailed, setDecideFailed] = useState(false);
  const continueRef = useRef<HTMLButtonElement>(null);
  const [rates, setRates] = useState<EthRates | undefined>();
  const hasChanges = state.phase === 'ready' && (state.review.assetChanges?.length ?? 0) > 0;
  // Fiat values beside amounts, when the Ethereum RPC's price feeds answer; never on the verdict's path.
  useEffect(() => {
    if (hasChanges) ask<EthRates>({ t: 'fiat:rates' }).then(setRates, () => undefined);
  }, [hasChanges]);

  useEffect(() => {
    let live = true;
    const slowTimer = setTimeout(() => live && setState((s) => (s.phase === 'loading' ? { phase: 'loading', slow: true } : s)), 1_500);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs));
    Promise.race([fetchReview(reviewKey, Date.now() + timeoutMs), timeout]).then(
      (r) => {
        if (!live) return;
        if (r.decision) setDecided(r.decision);
        if (!r.decision && r.recheck && r.recheck.status !== 'unchanged') setRecheck(r.recheck);
        if (r.review) setState({ phase: 'ready', review: r.review, origin: r.request.origin, unsaved: r.unsaved });
        else throw new Error('no review');
      },
      (error: unknown) => {
        if (!live) return;
        setState({
          phase: 'failed',
          review: { verdict: 'error', findings: [analysisFailed(text('The check did not finish', '確認が完了しませんでした'), error)], summary: text('Unchecked request', '未確認のリクエスト') },
        });
      },
    );
    return () => {
      live = false;
      clearTimeout(slowTimer);
    };
  }, [reviewKey, timeoutMs]);

  async function decide(decision: Decision) {
    if (deciding || decided) return;
    setDeciding(true);
    setDecideFailed(false);
    try {
      // A stopped worker is woken by the message; retry briefly so the decision is never lost. A worker stopped while
      // it re-checks the outcome answers nothing: the next attempt checks again (nothing was forwarded meanwhile).
      let answer: DecideResponse | undefined;
      for (let attempt = 0; ; attempt++) {
        try {
          answer = await ask<DecideResponse>({ t: 'review:decide', key: reviewKey, decision, applyFees });
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      if (answer && 'held' in answer) {
        // The release check stopped it: show what changed and ask again (a hold in progress ends here).
        setHold(undefined);
        if (answer.recheck.status !== 'unchanged') setRecheck(answer.recheck);
        return;
      }
      setDecided(decision);
    } catch {
      setDecideFailed(true); // the buttons stay usable: the user presses again
    } finally {
      setDeciding(false);
    }
  }

  // The target was reached while holding: the user asked for exactly this, so the request goes on.
  const onHoldReached = useCallback(() => void decideRef.current('continue'), []);
  // The deadline passed first: back to the choice, with a note; sending at the going fee is the user's call.
  const onHoldExpired = useCallback(() => {
    setHold(undefined);
    setHoldExpired(true);
  }, []);
  const decideRef = useRef(decide);
  decideRef.current = decide;

  // A mark when the verdict is on screen, for the benchmarks (scripts/bench/verdict-stages.ts, metamask.ts).
  const shownVerdict = state.phase === 'loading' ? undefined : state.review.verdict;
  useEffect(() => {
    if (shownVerdict) performance.mark('preflight:verdict');
  }, [shownVerdict]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void decide('reject');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (decided === 'continue') {
    const review = state.phase === 'ready' ? state.review : undefined;
    const advice = review?.cards.find((c) => c.kind === 'mev')?.note;
    return (
      <main className="panel companion" data-testid="review-companion">
        <h1 className="companion-title">{t(lang, 'companionTitle')}</h1>
        {state.phase !== 'loading' && <p className="summary">{pick(state.review.summary, lang)}</p>}
        {review?.assetChanges && review.assetChanges.length > 0 && (
          <p className="small">
            {t(lang, 'companionAssets')}:{' '}
            {review.assetChanges.map((c, i) => (
              <span key={i}>
                {i > 0 && ', '}
                {c.standard === 'erc721' ? `${c.direction === 'out' ? '−' : '+'}${c.symbol} #${c.tokenId}` : <Amount amount={formatDecimalAmount(c.amount)} symbol={c.symbol} lang={lang} sign={c.direction === 'out' ? '−' : '+'} fiat={changeFiat(c, review.request.chainId, lang, currency, rates)} />}
              </span>
            ))}
          </p>
        )}
        {review?.suggestedFees && !applyFees && (
          <p className="small">
            {t(lang, 'companionFees')}: {formatGwei(BigInt(review.suggestedFees.maxFeePerGas))} / {formatGwei(BigInt(review.suggestedFees.maxPriorityFeePerGas))}
          </p>
        )}
        {advice && <p className="small">{pick(advice, lang)}</p>}
        <p className="muted small">{t(lang, 'companionHint')}</p>
      </main>
    );
  }
  if (decided === 'reject') {
    return (
      <main className="panel companion">
        <h1 className="companion-title">{t(lang, 'rejected')}</h1>
      </main>
    );
  }

  const verdict: Verdict | undefined = state.phase === 'loading' ? undefined : state.review.verdict;
  // The release check found the outcome moved: the heading says so (data-verdict stays the review's own).
  const moved = recheck?.status === 'changed';
  return (
    <main className={`panel verdict-${moved ? 'danger' : (verdict ?? 'pending')}`} data-testid="review" {...(verdict ? { 'data-verdict': verdict } : {})} aria-busy={!verdict}>
      <header>
        <span className="brand">
          <img src="/icon/32.png" alt="" width={16} height={16} />
          {t(lang, 'appName')}
        </span>
        <button className="close" aria-label={t(lang, 'close')} title={t(lang, 'close')} onClick={() => void decide('reject')}>
          ×
        </button>
      </header>
      {state.phase === 'loading' ? (
        <div className="loading" role="status">
          <div className="spinner" aria-hidden="true" />
          <h1 className="companion-title">{t(lang, 'checking')}</h1>
          {state.slow && <p className="muted">{t(lang, 'slow')}</p>}
        </div>
      ) : (
        <>
          <div className="verdict" role="status">
            <h1>{moved ? t(lang, 'verdictChanged') : t(lang, `verdict_${state.review.verdict}`)}</h1>
            {state.phase === 'ready' && <span className="origin">{state.origin}</span>}
          </div>
          <p className="summary" data-testid="review-summary">{pick(state.review.summary, lang)}</p>
          {recheck && <RecheckNotice recheck={recheck} lang={lang} />}
          {decideFailed && (
            <p className="error-text small" role="alert" data-testid="review-decide-failed">
              {t(lang, 'decideFailed')}
            </p>
          )}
          {state.review.verdict === 'error' && <p className="muted">{t(lang, 'errorHint')}</p>}
          {state.phase === 'ready' && state.review.refusal && (
            <p className="refusal" role="note" data-testid="review-refusal">
              <strong>{t(lang, 'walletRefuses')}</strong> {pick(state.review.refusal, lang)}
            </p>
          )}
          {state.phase === 'ready' && state.unsaved && (
            <p className="muted small" role="note" data-testid="review-unsaved">
              {t(lang, 'historyUnsaved')}
            </p>
          )}
          <FindingList findings={state.review.findings} lang={lang} />
          {state.phase === 'ready' && state.review.exposure && <ExposureLine exposure={state.review.exposure} lang={lang} />}
          {state.phase === 'ready' && state.review.assetChanges && <AssetChanges changes={state.review.assetChanges} lang={lang} chainId={state.review.request.chainId} currency={currency} rates={rates} />}
          {state.phase === 'ready' && <Cards cards={state.review.cards} lang={lang} />}
          {state.phase === 'ready' && hold && (
            <HoldForGas
              lang={lang}
              chainId={state.review.request.chainId}
              targetWei={hold.targetWei}
              expectedAt={hold.expectedAt}
              deadline={hold.deadline}
              onReached={onHoldReached}
              onCancel={() => setHold(undefined)}
              onExpired={onHoldExpired}
            />
          )}
          {holdExpired && !hold && (
            <p className="muted small" role="status" data-testid="review-hold-expired">
              {t(lang, 'holdExpired')}
            </p>
          )}
          {state.phase === 'ready' && state.review.hold && !hold && (
            <button
              className="hold-start"
              data-testid="review-hold-start"
              onClick={() => {
                const h = state.review.hold!;
                setHoldExpired(false);
                setHold({ targetWei: BigInt(h.targetBaseFeeWei), expectedAt: h.expectedAt, ...(h.deadline !== undefined && h.deadline * 1000 > Date.now() ? { deadline: h.deadline } : {}) });
              }}
            >
              {t(lang, 'holdStart')}
            </button>
          )}
          {state.phase === 'ready' && state.review.suggestedFees && (
            <label className="apply-fees">
              <input type="checkbox" data-testid="review-apply-fees" checked={applyFees} onChange={(e) => setApplyFees(e.target.checked)} />
              {t(lang, 'applyFees')}
            </label>
          )}
          {state.phase === 'ready' && <p className="muted small">{t(lang, 'took')} {state.review.analysisMs} ms</p>}
        </>
      )}
      <footer>
        <button data-testid="review-reject" className="reject" disabled={deciding} onClick={() => void decide('reject')}>
          {t(lang, 'reject')}
        </button>
        <button data-testid="review-continue" className={`continue ${verdict === 'danger' || moved ? 'risky' : ''}`} ref={continueRef} disabled={deciding || !verdict} onClick={() => void decide('continue')}>
          {t(lang, 'continue')}
        </button>
      </footer>
    </main>
  );
}
