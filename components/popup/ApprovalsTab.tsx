import { useEffect } from 'react';
import { pick, type Lang } from '@/core/i18n/localized';
import { chainName } from '@/core/chain/chains';
import { formatFiat } from '@/core/format/fiat';
import type { ApprovalLine } from '@/core/approvals/view';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, tf, tk } from '@/components/i18n/ui-text';
import { dateTime } from '@/components/i18n/time';
import { isAccount, useApprovals } from '@/components/stores/approvals-store';
import { useSettings } from '@/components/stores/settings-store';
import { MetaMaskLine } from './MetaMaskLine';

const BASE_CHAINS = [1, 31337];
const usd = (x: number, lang: Lang) => formatFiat(x, 'USD', lang);

/**
 * Approvals: every standing approval of an account (ERC-20, NFT operators and single NFTs, Permit2), what each puts at
 * risk, and revocation through MetaMask, one or several at once. Found on this computer from the chain's node; the scan
 * runs in the background and goes on when the popup closes.
 */
export function ApprovalsTab({ lang }: { lang: Lang }) {
  const a = useApprovals();
  const { settings } = useSettings();
  const chains = [...new Set([...BASE_CHAINS, a.chainId, ...Object.keys(settings.rpcs).map(Number).filter((n) => Number.isInteger(n) && n > 0)])];
  const job = a.status?.job;
  const revoke = a.status?.revoke;
  const scanning = job?.state === 'scanning';
  const revoking = revoke?.state === 'waiting' || revoke?.state === 'sent';
  useEffect(() => {
    void a.detect();
  }, []);
  // The worker does the work; while it does, ask it every half second.
  useEffect(() => {
    if (!scanning && !revoking) return;
    const id = setInterval(() => void a.refresh(), 500);
    return () => clearInterval(id);
  }, [scanning, revoking, a.chainId, a.account]);
  // Once a revocation is over, one more look: the rows re-read after it are what the tab keeps showing.
  const revokeOver = revoke !== undefined && !revoking;
  useEffect(() => {
    if (revokeOver) void a.refresh();
  }, [revokeOver, revoke?.at]);

  const view = a.status?.view;
  const canSign = a.wallet?.kind === 'metamask' && a.wallet.accounts.some((x) => x.toLowerCase() === a.account.toLowerCase());
  const p = job?.progress;
  const progressState = job ? (job.state === 'cancelled' ? 'failed' : job.state) : undefined;
  return (
    <div className="approvals">
      <section className="card">
        <label className="field">
          {t(lang, 'wdChain')}
          <select data-testid="approvals-chain" value={a.chainId} onChange={(e) => a.setChain(Number(e.target.value))}>
            {chains.map((id) => (
              <option key={id} value={id}>{id === 31337 ? 'Devnet (anvil)' : chainName(id)}</option>
            ))}
          </select>
        </label>
        <MetaMaskLine lang={lang} mm={a.wallet?.metamask} busy={!!a.busy} prefix="approvals" connect={() => void a.connectMetaMask()} refresh={() => void a.refreshMetaMask()} />
        <label className="field">
          {t(lang, 'wdAccount')}
          <input data-testid="approvals-account" value={a.account} onChange={(e) => a.setAccount(e.target.value)} placeholder="0x…" spellCheck={false} aria-describedby="approvals-account-hint" />
        </label>
        <p className="muted small" id="approvals-account-hint">{t(lang, canSign ? 'apAccountSigns' : 'apAccountReadOnly')}</p>
        <div className="row">
          <button type="button" data-testid="approvals-scan" disabled={!isAccount(a.account) || scanning || a.busy === 'scan'} onClick={() => void a.scan()}>
            {t(lang, view ? 'apScanAgain' : 'apScan')}
          </button>
          {scanning && (
            <button type="button" data-testid="approvals-cancel" onClick={() => void a.cancel()}>
              {t(lang, 'apCancel')}
            </button>
          )}
        </div>
        <p className="muted small">{t(lang, 'apPrivacy')}</p>
      </section>
      {job && (
        <section className="card" data-testid="approvals-progress" data-state={progressState} {...(job.state === 'cancelled' ? { 'data-reason': 'cancelled' } : {})} aria-live="polite">
          {scanning && (
            <>
              <div className="small" role="status">
                {p?.phase === 'fallback' ? tf(lang, 'apProgressFallback', { done: p.scannedTo, total: p.toBlock }) : p?.phase === 'refresh' ? tf(lang, 'apProgressRefresh', { done: p.scannedTo, total: p.toBlock }) : tf(lang, 'apProgressLogs', { done: Math.max(0, (p?.scannedTo ?? 0) - (p?.fromBlock ?? 0) + 1).toLocaleString(), total: Math.max(1, (p?.toBlock ?? 0) - (p?.fromBlock ?? 0) + 1).toLocaleString(), rows: p?.rows ?? 0 })}
              </div>
              <progress max={Math.max(1, (p?.toBlock ?? 1) - (p?.fromBlock ?? 0) + 1)} value={Math.max(0, (p?.scannedTo ?? 0) - (p?.fromBlock ?? 0) + 1)} aria-label={t(lang, 'apProgress')} style={{ width: '100%' }} />
            </>
          )}
          {job.state === 'done' && <p className="small" role="status">{tf(lang, 'apDone', { block: (view?.completeTo ?? 0).toLocaleString(), when: dateTime(job.endedAt ?? Date.now(), lang), n: Object.values(job.requests ?? {}).reduce((x, y) => x + y, 0) })}</p>}
          {job.state === 'cancelled' && <p className="small" role="status">{t(lang, 'apCancelled')}</p>}
          {job.state === 'failed' && (
            <div role="alert">
              <p className="small error-text">{tk(lang, 'apFail_', job.failure ?? 'node')}</p>
              {job.message && <details className="small"><summary>{t(lang, 'apNodeSaid')}</summary><code>{job.message}</code></details>}
            </div>
          )}
          {job.noLogs && <p className="small warn-text" role="note" data-testid="approvals-fallback">{t(lang, 'apNoLogs')}</p>}
          {a.status?.source && <p className="muted small">{tf(lang, 'apReadFrom', { source: pick(a.status.source, lang) })}</p>}
        </section>
      )}
      {view && (
        <section className="card" aria-label={t(lang, 'apTitle')}>
          <h2>{t(lang, 'apTitle')}</h2>
          <p className="small" data-testid="approvals-total" data-spenders={view.totals.spenders} data-usd={view.totals.usd.toFixed(2)}>
            {tf(lang, 'apTotal', { n: view.lines.length, spenders: view.totals.spenders, usd: usd(view.totals.usd, lang) })}
            {view.totals.unpriced > 0 && ` ${tf(lang, 'apUnpriced', { n: view.totals.unpriced })}`}
          </p>
          <p className="muted small">
            {tk(lang, 'apPrices_', a.status?.priceSource ?? 'none')}
            {' '}
            {view.foundBy.fallback > 0 ? tf(lang, 'apFoundBoth', { logs: view.foundBy.logs, fallback: view.foundBy.fallback }) : tf(lang, 'apFoundLogs', { n: view.foundBy.logs })}
          </p>
          {revoke && (
            <p className={`small ${revoke.state === 'failed' || revoke.state === 'rejected' ? 'error-text' : ''}`} role={revoke.state === 'failed' || revoke.state === 'rejected' ? 'alert' : 'status'} data-testid="approvals-revoke-state" data-state={revoke.state} data-hashes={revoke.hashes.length}>
              {tk(lang, 'apRevoke_', revoke.state)}
              {revoke.batchRefused && ` ${tf(lang, 'apBatchRefused', { code: revoke.batchRefused.code })}`}
              {revoke.error && revoke.state === 'failed' && <> <code>{revoke.error}</code></>}
            </p>
          )}
          {a.selected.length > 1 && (
            <button type="button" data-testid="approvals-revoke-selected" disabled={!canSign || revoking || a.busy === 'revoke'} onClick={() => void a.revoke(a.selected)}>
              {tf(lang, 'apRevokeSelected', { n: a.selected.length })}
            </button>
          )}
          {view.lines.length === 0 ? (
            <p className="small">{t(lang, 'apNone')}</p>
          ) : (
            <ul className="approval-list">
              {view.lines.map((l) => (
                <ApprovalRow key={l.key} line={l} lang={lang} canSign={canSign} busy={revoking || a.busy === 'revoke'} selected={a.selected.includes(l.key)} onToggle={() => a.toggle(l.key)} onRevoke={() => void a.revoke([l.key])} />
              ))}
            </ul>
          )}
          <p className="muted small">{tf(lang, 'apAsOf', { when: dateTime(view.updatedAt, lang) })}</p>
        </section>
      )}
      {a.error && <ErrorNotice error={a.error} lang={lang} testId="approvals-error" />}
    </div>
  );
}

function ApprovalRow({ line: l, lang, canSign, busy, selected, onToggle, onRevoke }: { line: ApprovalLine; lang: Lang; canSign: boolean; busy: boolean; selected: boolean; onToggle: () => void; onRevoke: () => void }) {
  const labelId = `approval-${l.key.replace(/[^a-z0-9]/gi, '')}`;
  return (
    <li
      className={`approval-row${l.flags.scamListed || l.flags.eoa ? ' risky' : ''}`}
      data-testid="approval-row"
      data-key={l.key}
      data-kind={l.kind}
      data-token={l.token}
      data-spender={l.spender}
      data-value-at-risk-usd={l.valueAtRiskUsd === undefined ? '' : l.valueAtRiskUsd.toFixed(2)}
      data-found-by={l.foundBy}
      aria-labelledby={labelId}
    >
      <div className="approval-head">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={t(lang, 'apSelect')} disabled={!canSign} />
        <strong id={labelId}>{l.tokenSymbol}</strong>
        <span className="small">{tk(lang, 'apKind_', l.kind)}</span>
        <span className="approval-value" data-testid="approval-value">{l.valueAtRiskUsd === undefined ? t(lang, 'apNoPrice') : usd(l.valueAtRiskUsd, lang)}</span>
      </div>
      <div className="small">
        {t(lang, 'apSpender')}: <span className="mono">{l.spenderName}</span>
        {l.flags.scamListed && <span className="badge danger" data-testid="approval-flag" data-flag="scam-listed">{t(lang, 'apFlagScam')}</span>}
        {l.flags.eoa && <span className="badge danger" data-testid="approval-flag" data-flag="eoa">{t(lang, 'apFlagEoa')}</span>}
        {l.flags.newContract && <span className="badge warn" data-testid="approval-flag" data-flag="new-contract">{t(lang, 'apFlagNew')}</span>}
      </div>
      <div className="small muted">
        {t(lang, 'apAmount')}: {pick(l.amount, lang)}
        {l.balance && <> · {t(lang, 'apBalance')}: {pick(l.balance, lang)}</>}
        {l.expiration !== undefined && <> · {tf(lang, 'apExpires', { when: dateTime(l.expiration * 1000, lang) })}</>}
        {l.foundBy === 'fallback' && <> · {t(lang, 'apByFallback')}</>}
      </div>
      <button type="button" data-testid="approval-revoke" disabled={!canSign || busy} onClick={onRevoke} title={canSign ? undefined : t(lang, 'apAccountReadOnly')}>
        {t(lang, 'apRevoke')}
      </button>
    </li>
  );
}
