import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import type { Lang } from '@/core/i18n/localized';
import type { MetaMaskStatus } from '@/core/messages';
import { t, tf } from '@/components/i18n/ui-text';

/**
 * What a tab knows of MetaMask: none answered (and how to fix it), found but not connected (with the connect button),
 * waiting for the user in MetaMask's window, or connected. `data-state` on `<prefix>-metamask` is the test hook. The
 * Withdraw and Approvals tabs show the same line over the same worker messages (metamask:status / metamask:connect).
 */
export function MetaMaskLine({ lang, mm, busy, prefix, connect, refresh }: { lang: Lang; mm: MetaMaskStatus | undefined; busy: boolean; prefix: string; connect: () => void; refresh: () => void }) {
  const connecting = mm?.found === true && mm.connecting;
  const starting = mm?.found === false && mm.silent.length > 0;
  // While MetaMask's connect window is open, follow its answer; while MetaMask is starting, ask again.
  useEffect(() => {
    if (!connecting && !starting) return;
    const id = setInterval(refresh, connecting ? 1_000 : 3_000);
    return () => clearInterval(id);
  }, [connecting, starting]);
  if (!mm) return null;
  const testId = `${prefix}-metamask`;
  if (starting) {
    return (
      <p className="small warn-text" role="status" data-testid={testId} data-state="starting" data-extension-id={mm.silent[0]}>
        {t(lang, 'mmStarting')}
      </p>
    );
  }
  if (!mm.found) {
    return (
      <p className="small warn-text" role="status" data-testid={testId} data-state="missing">
        {tf(lang, 'mmMissing', { n: mm.tried.length })}
      </p>
    );
  }
  const name = mm.name ?? t(lang, 'mmOtherBuild');
  if (mm.accounts.length > 0) {
    return (
      <p className="small" data-testid={testId} data-state="connected" data-extension-id={mm.extensionId}>
        {tf(lang, 'mmConnected', { name })}
      </p>
    );
  }
  const state = connecting ? 'connecting' : mm.locked ? 'locked' : 'not-connected';
  return (
    <div className="small" data-testid={testId} data-state={state} data-extension-id={mm.extensionId}>
      <p>{state === 'connecting' ? t(lang, 'mmConnecting') : state === 'locked' ? tf(lang, 'mmLocked', { name }) : tf(lang, 'mmNotConnected', { name })}</p>
      {state !== 'locked' && <p className="muted">{tf(lang, 'mmShownAs', { id: browser.runtime.id })}</p>}
      {mm.connectError && !connecting && <p className="error-text" role="alert">{mm.connectError}</p>}
      {!connecting && (
        <button type="button" data-testid={`${prefix}-metamask-connect`} disabled={busy} onClick={connect}>
          {t(lang, state === 'locked' ? 'mmUnlock' : 'mmConnect')}
        </button>
      )}
    </div>
  );
}
