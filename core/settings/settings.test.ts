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

describe('threat list URLs', () => {
  it('default to the public files; https anywhere, http only on this computer; anything else falls back to the default', () => {
    expect(DEFAULT_SETTINGS.phishingListUrl).toBe('https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json');
    expect(DEFAULT_SETTINGS.scamDomainsUrl).toBe('https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/domains.json');
    const s = normalizeSettings({ phishingListUrl: 'http://127.0.0.1:8080/config.json', scamDomainsUrl: 'http://lists.example/domains.json' });
    expect(s.phishingListUrl).toBe('http://127.0.0.1:8080/config.json');
    expect(s.scamDomainsUrl).toBe(DEFAULT_SETTINGS.scamDomainsUrl);
    expect(normalizeSettings({ phishingListUrl: 42 }).phishingListUrl).toBe(DEFAULT_SETTINGS.phishingListUrl);
  });
});
