import type { PhishingCheckResponse } from '@/core/messages';

const TEXT = {
  en: {
    title: 'Preflight: this site is on the phishing list',
    body: (imitates?: string) =>
      imitates ? `It imitates ${imitates}. Do not connect your wallet or sign anything here.` : 'MetaMask’s phishing list names this site. Do not connect your wallet or sign anything here.',
    dismiss: 'I understand the risk',
  },
  ja: {
    title: 'Preflight：このサイトはフィッシングリストに載っています',
    body: (imitates?: string) =>
      imitates ? `${imitates} を装っています。ウォレットを接続したり、署名したりしないでください。` : 'MetaMask のフィッシングリストに載っているサイトです。ウォレットを接続したり、署名したりしないでください。',
    dismiss: 'リスクを理解しました',
  },
};

/** A page banner in a closed shadow root: the page can neither read nor restyle it. */
export function showPhishingBanner(check: PhishingCheckResponse): void {
  const t = TEXT[check.lang];
  const host = document.createElement('preflight-banner');
  host.setAttribute('style', 'all:initial;position:fixed;top:0;left:0;right:0;z-index:2147483647;display:block;');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'phishing-banner');
  box.setAttribute(
    'style',
    'font:14px/1.4 system-ui,sans-serif;background:#b71c1c;color:#fff;padding:12px 16px;display:flex;gap:12px;align-items:center;justify-content:space-between;box-shadow:0 2px 12px rgba(0,0,0,.4);',
  );
  const text = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = t.title;
  const p = document.createElement('div');
  p.textContent = t.body(check.imitates);
  text.append(strong, p);
  const button = document.createElement('button');
  button.textContent = t.dismiss;
  button.setAttribute('style', 'font:inherit;background:#fff;color:#b71c1c;border:0;border-radius:6px;padding:6px 10px;cursor:pointer;');
  button.addEventListener('click', () => host.remove());
  box.append(text, button);
  root.append(box);
  const attach = () => (document.body ?? document.documentElement).appendChild(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}
