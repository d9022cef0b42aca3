import { useState, type DragEvent } from 'react';
import type { Lang } from '@/core/i18n/localized';
import { verifyReservesProof, type ReservesProofResult } from '@/core/withdraw/proof-of-reserves';
import { errorSentence } from '@/components/ErrorNotice';
import { t } from '@/components/i18n/ui-text';

/** Proof of reserves on the deposit step: the exchange's inclusion proof checked here, nothing sent anywhere. */
export function WithdrawReserves({ lang }: { lang: Lang }) {
  const [file, setFile] = useState<{ name: string; text: string } | undefined>();
  const [nonce, setNonce] = useState('');
  const [published, setPublished] = useState('');
  const [over, setOver] = useState(false);
  const okx = file ? file.text.trimStart().startsWith('{') || file.text.trimStart().startsWith('[') : false;

  let result: ReservesProofResult | undefined;
  let error: string | undefined;
  if (file && (okx || nonce.trim() !== '')) {
    try {
      result = okx ? verifyReservesProof({ format: 'okx-v1', file: file.text }) : verifyReservesProof({ format: 'bitmex', file: file.text, nonce: nonce.trim().replace(/^0x/, '') });
    } catch (e) {
      error = errorSentence(e, lang);
    }
  }
  const rootMismatch = result && published.trim() !== '' && published.trim().replace(/^0x/, '').toLowerCase() !== result.root.replace(/^0x/, '').toLowerCase();
  const valid = !!result && result.valid && !rootMismatch;
  const problems = [...(result?.problems ?? []), ...(rootMismatch ? [t(lang, 'wdPorRootMismatch')] : []), ...(error ? [error] : [])];

  async function take(f: File | undefined) {
    if (f) setFile({ name: f.name, text: await f.text() });
  }
  function drop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  }
  return (
    <div className={`por small${over ? ' drag-over' : ''}`} data-testid="por-drop" onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <strong>{t(lang, 'wdPor')}</strong>
      <label className="field">
        {t(lang, 'wdPorFile')}
        <input type="file" accept=".json,.txt,.csv,application/json,text/plain" data-testid="por-file" onChange={(e) => void take(e.target.files?.[0])} />
      </label>
      {file && !okx && (
        <label className="field">
          {t(lang, 'wdPorNonce')}
          <input data-testid="por-nonce" value={nonce} onChange={(e) => setNonce(e.target.value)} spellCheck={false} />
        </label>
      )}
      <label className="field">
        {t(lang, 'wdPorPublished')}
        <input data-testid="por-published-root" value={published} onChange={(e) => setPublished(e.target.value)} spellCheck={false} placeholder="0x…" />
      </label>
      {(result || error) && (
        <div data-testid="por-result" data-valid={String(valid)} data-format={result?.format ?? ''} role="status">
          <div className={valid ? 'verdict-ok' : 'verdict-danger'}>
            {file?.name}: {valid ? t(lang, 'wdPorValid') : t(lang, 'wdPorInvalid')}
            {result && ` (${result.format})`}
          </div>
          {result && (
            <div className="mono">
              {t(lang, 'wdPorRoot')}: {result.root} · {Object.entries(result.userBalances).map(([k, v]) => `${k} ${v}`).join(', ')}
            </div>
          )}
          {problems.length > 0 && (
            <ul className="error-text" data-testid="por-problems">
              {problems.map((p) => <li key={p}>{p}</li>)}
            </ul>
          )}
          {result && result.warnings.length > 0 && (
            <ul className="muted">
              {result.warnings.map((w) => <li key={w}>{w}</li>)}
            </ul>
          )}
        </div>
      )}
      <p className="muted" data-testid="por-warning">{t(lang, 'wdPorSumOnly')}</p>
    </div>
  );
}
