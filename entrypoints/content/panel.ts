import { browser } from 'wxt/browser';

/**
 * The review panel: an iframe of the extension's own origin inside a closed shadow root, so the page can
 * neither read nor restyle what it shows. If the page removes it, it is put back.
 */
export interface Panel {
  setMode(mode: 'review' | 'companion'): void;
  remove(): void;
}

/** 400 px wide, or the window less its margins: a 360 px window (MetaMask's own is 357) still shows all of it. */
const STYLE = {
  review: 'width:min(400px,calc(100vw - 24px));height:min(640px,calc(100vh - 24px));',
  companion: 'width:min(400px,calc(100vw - 24px));height:min(210px,calc(100vh - 24px));',
};

export function mountPanel(key: string): Panel {
  const host = document.createElement('preflight-panel');
  host.setAttribute('style', 'all:initial;position:fixed;top:12px;right:12px;z-index:2147483647;display:block;');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = `${browser.runtime.getURL('/review.html')}#${key}`;
  frame.setAttribute('allow', '');
  frame.setAttribute('title', 'Preflight review');
  const setStyle = (mode: 'review' | 'companion') =>
    frame.setAttribute('style', `${STYLE[mode]}border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.35);background:Canvas;color-scheme:light dark;`);
  setStyle('review');
  root.appendChild(frame);

  const attach = () => (document.body ?? document.documentElement).appendChild(host);
  attach();
  let removed = false;
  const observer = new MutationObserver(() => {
    if (!removed && !host.isConnected) attach();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  return {
    setMode: setStyle,
    remove() {
      removed = true;
      observer.disconnect();
      host.remove();
    },
  };
}
