import { useState } from 'react';
import { validateRpcUrl, type Settings } from '@/core/settings/settings';
import { t } from '@/components/i18n/ui-text';
import { useSettings } from '@/components/stores/settings-store';
import { SettingsNetworks } from './SettingsNetworks';
import { MetaMaskIdSetting } from './MetaMaskIdSetting';
import { ThreatListSetting } from './ThreatListSetting';

export function SettingsTab() {
  const { settings, update } = useSettings();
  const lang = settings.lang;
  const [rpcs, setRpcs] = useState<Record<string, string>>(settings.rpcs);
  const [origins, setOrigins] = useState(settings.trustedOrigins.join('\n'));
  const [spenders, setSpenders] = useState(settings.trustedSpenders.join('\n'));
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function save() {
    setError(undefined);
    const clean: Record<string, string> = {};
    try {
      for (const [id, url] of Object.entries(rpcs)) if (url.trim()) clean[id] = validateRpcUrl(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
    await update({ rpcs: clean, trustedOrigins: lines(origins), trustedSpenders: lines(spenders) });
    setStatus(t(lang, 'saved'));
  }

  return (
    <div className="tabpanel" data-testid="settings">
      <label className="field">
        {t(lang, 'language')}
        <select data-testid="settings-lang" value={settings.lang} onChange={(e) => void update({ lang: e.target.value as Settings['lang'] })}>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </label>
      <label className="field">
        {t(lang, 'fiat')}
        <select value={settings.fiat} onChange={(e) => void update({ fiat: e.target.value as Settings['fiat'] })}>
          <option value="USD">USD</option>
          <option value="JPY">JPY</option>
        </select>
      </label>
      <SettingsNetworks settings={settings} rpcs={rpcs} setRpcs={setRpcs} update={update} />
      <label className="field">
        {t(lang, 'trustedOrigins')}
        <textarea rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} />
      </label>
      <label className="field">
        {t(lang, 'trustedSpenders')}
        <textarea rows={3} value={spenders} onChange={(e) => setSpenders(e.target.value)} />
      </label>
      {error && <p className="error-text" role="alert">{error}</p>}
      <button data-testid="settings-save" onClick={() => void save()}>
        {t(lang, 'save')}
      </button>
      {status && <p role="status" className="muted">{status}</p>}
      <ThreatListSetting lang={lang} />
      <MetaMaskIdSetting lang={lang} />
    </div>
  );
}
