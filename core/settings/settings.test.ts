import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, langOfLocale, normalizeSettings, settingsForNewUser } from './settings';

describe('first-run language', () => {
  it('follows the browser UI language: Japanese → ja, anything else → en', () => {
    expect(langOfLocale('ja')).toBe('ja');
    expect(langOfLocale('ja-JP')).toBe('ja');
    expect(langOfLocale('en-US')).toBe('en');
    expect(langOfLocale('fr')).toBe('en');
    expect(langOfLocale(undefined)).toBe('en');
    expect(settingsForNewUser('ja-JP')).toEqual({ ...DEFAULT_SETTINGS, lang: 'ja' });
  });
  it('a saved choice is kept whatever the browser language', () => {
    expect(normalizeSettings({ ...settingsForNewUser('ja'), lang: 'en' }).lang).toBe('en');
  });
});
