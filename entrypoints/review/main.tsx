import { createRoot } from 'react-dom/client';
import { ReviewPanel, prefetchReview } from '@/components/review/ReviewPanel';
import { loadSettings, settingsItem } from '@/components/storage/settings';
import type { Settings } from '@/core/settings/settings';
import '@/components/styles.css';

/**
 * The review panel, loaded in an iframe on the dApp page as review.html#<key>. The content script keeps the frame
 * loaded between requests on the same page (entrypoints/content/panel.ts) and tells it the next request by a
 * `preflight:show` message carrying the frame's secret: the key it was loaded with, or, for a frame preloaded blank
 * (review.html#standby), its window name (set by the content script; another origin's page cannot read it).
 * `standby` shows nothing. The address follows what is shown (#<key>, #standby). Each show is confirmed to the content
 * script (`preflight:shown`).
 */
const STANDBY = 'standby';

async function main() {
  performance.mark('preflight:panel:main');
  const loadedWith = location.hash.slice(1);
  // A preloaded frame's secret is its name, at least 32 characters; without one it accepts no request.
  const secret = loadedWith === STANDBY ? (window.name.length >= 32 ? window.name : undefined) : loadedWith;
  // The review is asked for before anything else: the background answers while the settings are read.
  if (loadedWith && loadedWith !== STANDBY) prefetchReview(loadedWith);
  let settings: Settings = await loadSettings();
  settingsItem.watch(() => void loadSettings().then((s) => (settings = s)));
  const root = createRoot(document.getElementById('root')!);
  const show = (key: string, n: number) => {
    performance.clearMarks('preflight:shown');
    performance.clearMarks('preflight:verdict');
    if (`#${key}` !== location.hash) history.replaceState(null, '', `#${key}`);
    if (!key || key === STANDBY) root.render(null);
    else {
      performance.mark('preflight:shown');
      prefetchReview(key);
      document.documentElement.lang = settings.lang;
      root.render(<ReviewPanel key={key} reviewKey={key} lang={settings.lang} timeoutMs={settings.reviewTimeoutMs} currency={settings.fiat} />);
    }
    window.parent.postMessage({ t: 'preflight:shown', n }, '*');
  };
  window.addEventListener('message', (e) => {
    const d = e.data as { t?: unknown; secret?: unknown; key?: unknown; n?: unknown } | null;
    // Only from the page this panel is on (its content script) and only with the key it was loaded with.
    if (e.source !== window.parent || !d || d.t !== 'preflight:show' || !secret || d.secret !== secret) return;
    if (typeof d.key !== 'string' || !/^[0-9a-z]{1,64}$/.test(d.key) || typeof d.n !== 'number') return;
    show(d.key, d.n);
  });
  show(loadedWith, 0);
}

void main();
