import { useEffect, useState } from 'react';
import type { Lang } from '@/core/i18n/localized';
import { durationAgo } from '@/core/format/count';
import type { ThreatListId, ThreatListsState } from '@/core/messages';
import type { Settings } from '@/core/settings/settings';
import type { ListState } from '@/core/store/list-state';
import { validateListUrl } from '@/core/threat/list-fetch';
import { t, tf, type UiKey } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';
import { useSettings } from '@/components/stores/settings-store';
import { dateTime } from '@/components/i18n/time';

/** One public list: where Settings keeps its URL, its test-id prefix and its texts. */
interface ListSpec {
  id: ThreatListId;
  setting: 'threatListUrl' | 'phishingListUrl' | 'scamDomainsUrl';
  testId: 'threat' | 'phishing' | 'domains';
  title: UiKey;
  hint: UiKey;
  url: UiKey;
  inUse: UiKey;
  none: UiKey;
}

const LISTS: ListSpec[] = [
  { id: 'phishing', setting: 'phishingListUrl', testId: 'phishing', title: 'phishingTitle', hint: 'phishingHint', url: 'phishingUrl', inUse: 'phishingInUse', none: 'phishingBundled' },
  { id: 'domains', setting: 'scamDomainsUrl', testId: 'domains', title: 'domainsTitle', hint: 'domainsHint', url: 'domainsUrl', inUse: 'domainsInUse', none: 'domainsNone' },
  { id: 'addresses', setting: 'threatListUrl', testId: 'threat', title: 'threatTitle', hint: 'threatHint', url: 'threatUrl', inUse: 'threatInUse', none: 'threatNone' },
];

const size = (bytes: number | undefined) => (bytes === undefined ? '?' : bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1_024))} KB`);
const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');

/** What is in use: the fetched copy (count, size, when, how old), the bundled one, or nothing yet. */
function inUseText(lang: Lang, spec: ListSpec, state: ListState, now: number): string {
  const list = state.list;
  if (list) {
    const age = durationAgo((now - list.fetchedAt) / 1000)[lang];
    return tf(lang, spec.inUse, { count: n(list.count), allow: n(list.allowCount), fuzzy: n(list.fuzzyCount), size: size(list.bytes), when: dateTime(list.fetchedAt, lang), age });
  }
  const b = state.bundled;
  return b ? tf(lang, spec.none, { count: n(b.count), allow: n(b.allowCount), fuzzy: n(b.fuzzyCount) }) : t(lang, spec.none);
}

/** One list's URL, Save (fetches at once) and status: the copy in use, its age and size, and the last error. */
function ListSetting({ lang, spec, state, onState }: { lang: Lang; spec: ListSpec; state?: ListState; onState(s: ListState): void }) {
  const { settings, update } = useSettings();
  const [url, setUrl] = useState(settings[spec.setting]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setUrl(settings[spec.setting]), [settings, spec.setting]);

  async function save() {
    setError(undefined);
    let clean: string;
    try {
      clean = validateListUrl(url, t(lang, spec.title));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy(true);
    try {
      await update({ [spec.setting]: clean } as Partial<Settings>);
      setUrl(clean);
      onState(await ask<ListState>({ t: 'lists:refresh', list: spec.id }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const failed = state?.status?.error;
  const kept = state?.list ?? state?.bundled;
  const source = state?.list ? 'fetched' : state?.bundled ? 'bundled' : 'none';
  return (
    <section aria-label={t(lang, spec.title)}>
      <h3>{t(lang, spec.title)}</h3>
      <p className="muted small">{t(lang, spec.hint)}</p>
      <label className="field">
        {t(lang, spec.url)}
        <input type="url" data-testid={`settings-${spec.testId}-url`} value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} style={{ width: '100%' }} />
      </label>
      <button type="button" data-testid={`settings-${spec.testId}-save`} disabled={busy} onClick={() => void save()}>
        {busy ? t(lang, 'threatFetching') : t(lang, 'threatSave')}
      </button>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      {state && (
        <div
          data-testid={`settings-${spec.testId}-status`}
          data-ok={String(!failed)}
          data-count={kept?.count ?? 0}
          data-source={source}
          data-fetched-at={state.list?.fetchedAt}
          data-bytes={state.list?.bytes}
          className="small"
        >
          {failed && (
            <p className="error-text" role="alert">
              {tf(lang, 'threatFailed', { error: failed })} {kept && t(lang, 'threatKept')}
            </p>
          )}
          <p className="muted" role="status">
            {inUseText(lang, spec, state, Date.now())}
          </p>
        </div>
      )}
    </section>
  );
}

/**
 * Settings → the public threat lists (MetaMask's phishing configuration, ScamSniffer's domains and addresses): where
 * each is fetched from, the copy in use (age, size) and how the last fetch went. Saving fetches at once; a failed
 * fetch says why and keeps the copy in use.
 */
export function ThreatListSetting({ lang }: { lang: Lang }) {
  const [states, setStates] = useState<ThreatListsState | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void ask<ThreatListsState>({ t: 'lists:status' }).then(setStates, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      {LISTS.map((spec) => (
        <ListSetting key={spec.id} lang={lang} spec={spec} state={states?.[spec.id]} onState={(s) => setStates((all) => all && { ...all, [spec.id]: s })} />
      ))}
    </>
  );
}
