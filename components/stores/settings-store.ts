import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '@/core/settings/settings';
import { loadSettings, settingsItem, updateSettings } from '@/components/storage/settings';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
}

/** Settings for React views, kept in step with browser.storage (other windows may change them). */
export const useSettings = create<SettingsState>((set, get) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  async load() {
    set({ settings: await loadSettings(), loaded: true });
    settingsItem.watch(async () => set({ settings: await loadSettings() }));
  },
  async update(patch) {
    // Shown at once (a controlled checkbox must not flip back while storage is written), then what was stored.
    set((s) => ({ settings: { ...s.settings, ...patch } }));
    try {
      set({ settings: await updateSettings(patch) });
    } catch (e) {
      set({ settings: await loadSettings().catch(() => get().settings) }); // not stored: show what is
      throw e;
    }
  },
}));
