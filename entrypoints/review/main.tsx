import { createRoot } from 'react-dom/client';
import { ReviewPanel } from '@/components/review/ReviewPanel';
import { loadSettings } from '@/components/storage/settings';
import '@/components/styles.css';

/** The review panel, loaded in an iframe on the dApp page as review.html#<key>. */
async function main() {
  const key = location.hash.slice(1);
  const settings = await loadSettings();
  document.documentElement.lang = settings.lang;
  createRoot(document.getElementById('root')!).render(<ReviewPanel reviewKey={key} lang={settings.lang} timeoutMs={settings.reviewTimeoutMs} currency={settings.fiat} />);
}

void main();
