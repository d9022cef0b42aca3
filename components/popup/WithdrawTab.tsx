import { useEffect, useState, type FormEvent } from 'react';
import { isAddress } from 'viem';
import { formatTokenAmount } from '@/core/format/amount';
import type { Lang } from '@/core/i18n/localized';
import type { RiskPreference } from '@/core/withdraw/schedule';
import type { PlanRequest } from '@/core/withdraw/plan-request';
import { Amount } from '@/components/Amount';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, tk } from '@/components/i18n/ui-text';
import { useWithdraw } from '@/components/stores/withdraw-store';
import { stepAwaitingLostHash } from '@/core/store/plans';
import { WithdrawPlan } from './WithdrawPlan';
import { WithdrawMetaMask } from './WithdrawMetaMask';
import { dateTime } from '@/components/i18n/time';

const CHAINS = [
  { id: 1, name: 'Ethereum' },
  { id: 31337, name: 'Devnet (anvil)' },
];
const DEPOSIT_CHAINS = ['ethereum', 'base', 'optimism', 'arbitrum'];
const positive = (s: string) => {
  const n = Number(s.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** Withdraw: who signs, what to sell into what by when, then the plan and its steps. */
export function WithdrawTab({ lang, fiat }: { lang: Lang; fiat: 'USD' | 'JPY' }) {
  const w = useWithdraw();
  const [asset, setAsset] = useState('');
  const [mode, setMode] = useState<'amount' | 'raise'>('amount');
  const [amount, setAmount] = useState('');
  const [quote, setQuote] = useState('');
  const [into, setInto] = useState<'wallet' | 'deposit'>('wallet');
  const [depositChain, setDepositChain] = useState('ethereum');
  const [depositAddress, setDepositAddress] = useState('');
  const [deadline, setDeadline] = useState('24');
  const [risk, setRisk] = useState<'low' | 'medium' | 'high'>('medium');
  const [formError, setFormError] = useState<string | undefined>();
  const [showForm, setShowForm] = useState(true);

  useEffect(() => {
    void w.detect();
    void w.loadPlans();
  }, []);
  // While a step waits for its receipt, ask the background every 2 s (it also checks on its alarm); while the next
  // step is prepared, the store looks for it on chain now and then (its hash may have been lost with a stopped worker).
  // MetaMask showing a step counts too: the worker stores the hash when the user confirms there.
  const walletWaiting = w.view?.wallet !== undefined && 'since' in w.view.wallet;
  const waiting = w.view !== undefined && (w.view.record.steps.some((s) => s.status === 'sent') || stepAwaitingLostHash(w.view.record) !== undefined || walletWaiting);
  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(() => void w.track(), 2_000);
    return () => clearInterval(id);
  }, [waiting, w.view?.record.id]);
  useEffect(() => {
    if (w.view) setShowForm(false);
  }, [w.view?.record.id]);

  const balances = w.balances ?? [];
  const sellable = balances.filter((b) => !b.stable && b.amount > 0);
  const stables = balances.filter((b) => b.stable);
  const chosenAsset = sellable.find((b) => b.symbol === asset) ?? sellable[0];
  const chosenQuote = stables.find((b) => b.symbol === quote) ?? stables[0];

  function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(undefined);
    const n = positive(amount);
    const hours = positive(deadline);
    if (!chosenAsset || !chosenQuote) return setFormError(t(lang, 'wdLoadBalances'));
    if (n === undefined || hours === undefined) return setFormError(t(lang, 'wdInvalid'));
    if (into === 'deposit' && !isAddress(depositAddress.trim())) return setFormError(t(lang, 'wdInvalidAddress'));
    const request: Omit<PlanRequest, 'chainId' | 'account'> = {
      asset: { symbol: chosenAsset.symbol, decimals: chosenAsset.decimals, ...(chosenAsset.address ? { address: chosenAsset.address as `0x${string}` } : {}) },
      ...(mode === 'amount' ? { amount: n } : { raise: { value: n, fiat } }),
      quote: { symbol: chosenQuote.symbol, address: chosenQuote.address as `0x${string}`, decimals: chosenQuote.decimals },
      destination: into === 'wallet' ? { kind: 'wallet' } : { kind: 'deposit', chain: depositChain, address: depositAddress.trim() as `0x${string}` },
      deadlineHours: hours,
      risk: risk as RiskPreference,
    };
    void w.create(request);
  }

  const walletLabel = w.wallet ? t(lang, w.wallet.kind === 'metamask' ? 'wdWallet_metamask' : w.wallet.kind === 'node-accounts' ? 'wdWallet_node' : 'wdWallet_readonly') : t(lang, 'loading');
  return (
    <div className="withdraw">
      <section className="card">
        <label className="field">
          {t(lang, 'wdChain')}
          <select data-testid="withdraw-chain" value={w.chainId} onChange={(e) => w.setChain(Number(e.target.value))}>
            {CHAINS.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <p className="small" data-testid="withdraw-wallet" data-kind={w.wallet?.kind ?? ''}>
          {t(lang, 'wdWallet')}: {walletLabel}
          {w.wallet?.reason && <span className="muted"> ({w.wallet.reason})</span>}
        </p>
        <WithdrawMetaMask lang={lang} />
        <label className="field">
          {t(lang, 'wdAccount')}
          <input data-testid="withdraw-account" value={w.account} onChange={(e) => w.setAccount(e.target.value)} placeholder="0x…" spellCheck={false} />
        </label>
        <button type="button" data-testid="withdraw-balances-load" disabled={!!w.busy} onClick={() => void w.loadBalances()}>
          {t(lang, 'wdLoadBalances')}
        </button>
        {w.balances && (
          <ul className="small" data-testid="withdraw-balances" aria-label={t(lang, 'wdBalances')}>
            {w.balances.map((b) => (
              <li key={b.symbol} data-testid="withdraw-balance" data-symbol={b.symbol} data-raw={b.raw}>
                {b.symbol}: <Amount amount={formatTokenAmount(BigInt(b.raw), b.decimals)} lang={lang} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {w.plans.length > 0 && (
        <section className="card">
          <label className="field">
            {t(lang, 'wdPlans')}
            <select data-testid="withdraw-plans" value={w.view?.record.id ?? ''} onChange={(e) => w.open(e.target.value || undefined)}>
              <option value="">{t(lang, 'wdNewPlan')}</option>
              {w.plans.map((p) => (
                <option key={p.record.id} value={p.record.id}>
                  {dateTime(p.record.createdAt, lang)} · {p.record.plan.assets[0]?.symbol} → {p.record.plan.quoteSymbol} · {p.progress.done}/{p.progress.total}
                </option>
              ))}
            </select>
          </label>
          {w.view && !showForm && (
            <button type="button" onClick={() => setShowForm(true)}>
              {t(lang, 'wdNewPlan')}
            </button>
          )}
        </section>
      )}
      {(showForm || !w.view) && (
        <form className="card" data-testid="withdraw-form" onSubmit={submit}>
          <label className="field">
            {t(lang, 'wdAsset')}
            <select data-testid="withdraw-asset" value={chosenAsset?.symbol ?? ''} onChange={(e) => setAsset(e.target.value)}>
              {sellable.map((b) => (
                <option key={b.symbol} value={b.symbol}>{b.symbol}</option>
              ))}
            </select>
          </label>
          <fieldset className="row">
            <label><input type="radio" name="wd-mode" checked={mode === 'amount'} onChange={() => setMode('amount')} /> {t(lang, 'wdModeAmount')}</label>
            <label><input type="radio" name="wd-mode" data-testid="withdraw-mode-raise" checked={mode === 'raise'} onChange={() => setMode('raise')} /> {t(lang, 'wdModeRaise')} ({fiat})</label>
          </fieldset>
          <input data-testid="withdraw-amount" inputMode="decimal" aria-label={mode === 'amount' ? t(lang, 'wdModeAmount') : t(lang, 'wdModeRaise')} value={amount} onChange={(e) => setAmount(e.target.value)} />
          <label className="field">
            {t(lang, 'wdInto')}
            <select data-testid="withdraw-quote" value={chosenQuote?.symbol ?? ''} onChange={(e) => setQuote(e.target.value)}>
              {stables.map((b) => (
                <option key={b.symbol} value={b.symbol}>{b.symbol}</option>
              ))}
            </select>
          </label>
          <fieldset className="row">
            <label><input type="radio" name="wd-into" checked={into === 'wallet'} onChange={() => setInto('wallet')} /> {t(lang, 'wdIntoWallet')}</label>
            <label><input type="radio" name="wd-into" data-testid="withdraw-into-deposit" checked={into === 'deposit'} onChange={() => setInto('deposit')} /> {t(lang, 'wdIntoDeposit')}</label>
          </fieldset>
          {into === 'deposit' && (
            <>
              <select aria-label={t(lang, 'wdIntoDeposit')} value={depositChain} onChange={(e) => setDepositChain(e.target.value)}>
                {DEPOSIT_CHAINS.map((c) => (
                  <option key={c} value={c}>{c}</option>
                ))}
              </select>
              <input data-testid="withdraw-deposit-address" aria-label={t(lang, 'wdDepositAddress')} placeholder="0x…" value={depositAddress} onChange={(e) => setDepositAddress(e.target.value)} spellCheck={false} />
            </>
          )}
          <label className="field">
            {t(lang, 'wdDeadline')}
            <input data-testid="withdraw-deadline" inputMode="decimal" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </label>
          <label className="field">
            {t(lang, 'wdRisk')}
            <select data-testid="withdraw-risk" value={risk} onChange={(e) => setRisk(e.target.value as typeof risk)}>
              {(['low', 'medium', 'high'] as const).map((r) => (
                <option key={r} value={r}>{tk(lang, 'wdRisk_', r)}</option>
              ))}
            </select>
          </label>
          {formError && <p className="error-text" role="alert">{formError}</p>}
          <button type="submit" data-testid="withdraw-create" disabled={!!w.busy}>
            {t(lang, 'wdCreate')}
          </button>
          {w.busy === 'plan' && <p className="muted small" role="status" data-testid="withdraw-creating">{t(lang, 'wdCreating')}</p>}
        </form>
      )}
      {w.error && <ErrorNotice error={w.error} lang={lang} testId="withdraw-error" />}
      {w.view && <WithdrawPlan view={w.view} lang={lang} />}
    </div>
  );
}
