import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { knownChain } from '@/core/chain/chains';
import { rpcUrlsFor } from '@/core/chain/client';
import type { Lang } from '@/core/i18n/localized';
import type { Settings } from '@/core/settings/settings';
import { t } from '@/components/i18n/ui-text';
import { metaMask } from '@/components/metamask';

/** An RPC as the user should recognise it: its host only (paths and queries may carry API keys). */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Ethereum (price feeds, fee sampling) and every chain with an RPC of the user's, with the nodes Preflight talks to. */
export function rpcsInUse(settings: Settings): { chainId: number; name: string; hosts: { host: string; yours: boolean }[] }[] {
  const ids = [...new Set([1, ...Object.keys(settings.rpcs).map(Number)])];
  return ids.map((chainId) => {
    const userRpc = settings.rpcs[String(chainId)];
    const urls = rpcUrlsFor({ chainId, userRpc, usePublicFallbacks: !settings.privateRpc[String(chainId)] });
    return { chainId, name: knownChain(chainId)?.name ?? `Chain ${chainId}`, hosts: urls.map((u) => ({ host: hostOf(u), yours: u === userRpc })) };
  });
}

/**
 * The first-run welcome: what Preflight checks, that nothing leaves the browser but JSON-RPC to the nodes listed,
 * whether MetaMask was found, and the built-in test page (a pretend wallet that never signs).
 */
export function Welcome({ lang, settings, onDone }: { lang: Lang; settings: Settings; onDone(): void }) {
  // undefined: still looking; null: none answered; else the build that answered (components/metamask).
  const [found, setFound] = useState<{ name?: string } | null | undefined>();
  useEffect(() => {
    let live = true;
    metaMask.discover().then((d) => live && setFound(d.found ? { name: d.found.name } : null), () => live && setFound(null));
    return () => {
      live = false;
    };
  }, []);
  const openTestPage = () => void browser.tabs.create({ url: browser.runtime.getURL('/try.html') });
  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t(lang, 'welcomeTitle')}</h2>
      <p>{t(lang, 'welcomeIntro')}</p>
      <h3 className="section-title">{t(lang, 'welcomeChecks')}</h3>
      <ul className="small">
        <li>{t(lang, 'welcomeCheckApprovals')}</li>
        <li>{t(lang, 'welcomeCheckAssets')}</li>
        <li>{t(lang, 'welcomeCheckSignatures')}</li>
        <li>{t(lang, 'welcomeCheckGas')}</li>
      </ul>
      <h3 className="section-title">{t(lang, 'welcomePrivacyTitle')}</h3>
      <p className="small">{t(lang, 'welcomePrivacy')}</p>
      <ul className="small" data-testid="welcome-rpcs">
        {rpcsInUse(settings).map((c) => (
          <li key={c.chainId}>
            {c.name}: {c.hosts.length === 0 ? t(lang, 'welcomeRpcNone') : c.hosts.map((h) => `${h.host} (${t(lang, h.yours ? 'welcomeRpcYours' : 'welcomeRpcPublic')})`).join(', ')}
          </li>
        ))}
      </ul>
      <p className="small" data-testid="welcome-metamask" data-found={found === undefined ? undefined : String(found !== null)}>
        MetaMask:{' '}
        {found === undefined ? (
          <span className="muted">{t(lang, 'welcomeMetaMaskChecking')}</span>
        ) : found ? (
          <span className="status-ok">
            {t(lang, 'welcomeMetaMaskFound')}
            {found.name && found.name !== 'MetaMask' ? ` (${found.name})` : ''}
          </span>
        ) : (
          <>
            <span className="status-missing">{t(lang, 'welcomeMetaMaskMissing')}</span> {t(lang, 'welcomeMetaMaskHint')}
          </>
        )}
      </p>
      <p className="small">{t(lang, 'welcomeTryHint')}</p>
      <div className="actions">
        <button type="button" data-testid="welcome-try" onClick={openTestPage}>
          {t(lang, 'welcomeTry')}
        </button>
        <button type="button" className="primary" data-testid="welcome-done" onClick={onDone}>
          {t(lang, 'welcomeDone')}
        </button>
      </div>
    </section>
  );
}
