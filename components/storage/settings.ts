import { storage } from '#imports';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '@/core/settings/settings';

/** The one settings item, shared by background, popup and review panel. */
export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}
