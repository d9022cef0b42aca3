import { useEffect, useState } from 'react';
import type { Lang } from '@/core/i18n/localized';
import { parseExtensionId } from '@/core/metamask/extension-ids';
import { t, tf } from '@/components/i18n/ui-text';
import { metaMaskIdItem } from '@/components/metamask/extension-id-setting';

const BROWSER = import.meta.env.FIREFOX ? 'firefox' : 'chromium';

/**
 * Settings → MetaMask: an extension id for a MetaMask build Preflight does not know. Saved on its own (not part of
 * the settings object), then probed from this page with one eth_chainId (components/metamask, loaded on demand), so
 * the user learns at once whether it answers.
 */
export function MetaMaskIdSetting({ lang }: { lang: Lang }) {
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    void metaMaskIdItem.getValue().then((id) => setValue(id ?? ''));
  }, []);

  async function save() {
    setStatus(undefined);
    if (!value.trim()) {
      await metaMaskIdItem.setValue(null);
      setStatus({ ok: true, text: t(lang, 'mmSettingsCleared') });
      return;
    }
    let id: string;
    try {
      id = parseExtensionId(value, BROWSER);
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
      return;
    }
    await metaMaskIdItem.setValue(id);
    setValue(id);
    setTesting(true);
    // The MetaMask stream stack (~120 kB) is loaded only here, not when the popup opens.
    const { probeMetaMask } = await import('@/components/metamask/discover');
    const { found, probe } = await probeMetaMask(id);
    setTesting(false);
    found?.connection.close();
    setStatus(found ? { ok: true, text: tf(lang, 'mmSettingsAnswered', { chain: Number(found.chainId) }) } : { ok: false, text: `${t(lang, 'mmSettingsSilent')} (${probe.outcome})` });
  }

  return (
    <section aria-label={t(lang, 'mmSettingsTitle')}>
      <h3>{t(lang, 'mmSettingsTitle')}</h3>
      <p className="muted small">{t(lang, 'mmSettingsHint')}</p>
      <label className="field">
        {t(lang, 'mmSettingsId')}
        <input data-testid="settings-metamask-id" value={value} onChange={(e) => setValue(e.target.value)} placeholder="nkbihfbeogaeaoehlefnkodbefgpgknn" spellCheck={false} />
      </label>
      <button type="button" data-testid="settings-metamask-id-save" disabled={testing} onClick={() => void save()}>
        {t(lang, 'mmSettingsSave')}
      </button>
      {status && (
        <p className={`small ${status.ok ? 'muted' : 'error-text'}`} role={status.ok ? 'status' : 'alert'} data-testid="settings-metamask-id-status" data-ok={String(status.ok)}>
          {status.text}
        </p>
      )}
    </section>
  );
}
