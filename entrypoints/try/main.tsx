import { createRoot } from 'react-dom/client';
import { TryPage } from '@/components/try/TryPage';
import { loadSettings } from '@/components/storage/settings';
import '@/components/styles.css';

/** The built-in test page: example requests to a pretend wallet that never signs, reviewed by the real panel. */
async function main() {
  const settings = await loadSettings();
  document.documentElement.lang = settings.lang;
  createRoot(document.getElementById('root')!).render(<TryPage lang={settings.lang} />);
}

void main();
