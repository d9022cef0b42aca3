import { useEffect, useState } from 'react';
import type { Lang } from '@/core/i18n/localized';
import { validateScamListUrl } from '@/core/threat/scam-list';
import type { ScamListState } from '@/core/store/scam-list';
import { t, tf } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';
import { useSettings } from '@/components/stores/settings-store';
import { dateTime } from '@/components/i18n/time';

/**
 * Settings → scam-address list: where the public list is fetched from, what is in use and how the last fetch went.
 * Saving fetches at once; a failed fetch says why and keeps the list fetched before.
 */
export function ThreatListSetting({ lang }: { lang: Lang }) {
  const { settings, update } = useSettings();
  const [url, setUrl] = useState(settings.threatListUrl);
  const [state, setState] = useState<ScamListState | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setUrl(settings.threatListUrl), [settings.threatListUrl]);
  useEffect(() => {
    void ask<ScamListState>({ t: 'threat:status' }).then(setState, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  async function save() {
    setError(undefined);
    let clean: string;
    try {
      clean = validateScamListUrl(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy(true);
    try {
      await update({ threatListUrl: clean });
      setUrl(clean);
      setState(await ask<ScamListState>({ t: 'threat:refresh' }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const when = (ms: number) => dateTime(ms, lang);
  const list = state?.list;
  const failed = state?.status?.error;
  return (
    <section aria-label={t(lang, 'threatTitle')}>
      <h3>{t(lang, 'threatTitle')}</h3>
      <p className="muted small">{t(lang, 'threatHint')}</p>
      <label className="field">
        {t(lang, 'threatUrl')}
        <input type="url" data-testid="settings-threat-url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} style={{ width: '100%' }} />
      </label>
      <button type="button" data-testid="settings-threat-save" disabled={busy} onClick={() => void save()}>
        {busy ? t(lang, 'threatFetching') : t(lang, 'threatSave')}
      </button>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      {state && (
        <div data-testid="settings-threat-status" data-ok={String(!failed)} data-count={list?.count ?? 0} className="small">
          {failed && (
            <p className="error-text" role="alert">
              {tf(lang, 'threatFailed', { error: failed })} {list && t(lang, 'threatKept')}
            </p>
          )}
          <p className="muted" role="status">
            {list ? tf(lang, 'threatInUse', { count: list.count.toLocaleString('en-US'), when: when(list.fetchedAt) }) : t(lang, 'threatNone')}
          </p>
        </div>
      )}
    </section>
  );
}
