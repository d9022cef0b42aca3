import { browser, storage } from '#imports';
import { normalizeSettings, settingsForNewUser, type Settings } from '@/core/settings/settings';

/**
 * The one settings item, shared by background, popup and review panel. Nothing is stored until the user saves:
 * until then the settings are the defaults in the browser's UI language (ja → 日本語, else English).
 */
export const settingsItem = storage.defineItem<Settings>('local:settings');

export async function loadSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return stored === null ? settingsForNewUser(browser.i18n.getUILanguage()) : normalizeSettings(stored);
}

let writes: Promise<unknown> = Promise.resolve();

/**
 * Merges `patch` into the stored settings. Writes are queued one after another, so two quick changes (a checkbox, then
 * another) cannot read the same old settings and lose the first one.
 */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const write = writes.then(async () => {
    const next = normalizeSettings({ ...(await loadSettings()), ...patch });
    await settingsItem.setValue(next);
    return next;
  });
  writes = write.catch(() => undefined);
  return write;
}
