import { describe, expect, it } from 'vitest';
import { t, tf, tk } from '@/components/i18n/ui-text';

type TaxMethod = 'fifo' | 'hifo' | 'moving-average' | 'total-average';
type NoSuchKind = 'approve' | 'teleport';

describe('ui-text: messages picked at run time are checked against the English locale file', () => {
  it('tk joins prefix and value, hyphens made underscores, in the chosen language', () => {
    const m: TaxMethod = 'moving-average';
    expect(tk('en', 'wdTax_', m)).toBe('Moving average (移動平均法)');
    expect(tk('ja', 'wdTax_', m)).toBe('移動平均法');
    expect(tk('ja', 'verdict_', 'danger')).toBe(t('ja', 'verdict_danger'));
  });
  it('a value without its message does not typecheck (this file fails `npm run typecheck` if the check is lost)', () => {
    const kind = 'teleport' as NoSuchKind;
    // @ts-expect-error 'wdKind_teleport' is not a message of public/_locales/en/messages.json
    expect(tk('en', 'wdKind_', kind)).toBe('wdKind_teleport'); // at run time: the key, never a crash
    // @ts-expect-error a static key must exist too
    expect(t('en', 'noSuchMessage')).toBe('noSuchMessage');
  });
  it('tf fills placeholders and leaves unknown ones', () => {
    expect(tf('en', 'chainSearchHint', { n: 3 })).toBe('Find a network by name or chain id (3 known)');
    expect(tf('en', 'bypassTx', { account: 'a' })).toBe('a → {to}, block {block}');
  });
});
