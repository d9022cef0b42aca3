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

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}
