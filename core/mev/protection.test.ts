import { describe, expect, it } from 'vitest';
import { detectProtection, FLASHBOTS_PROBE_ADDRESS } from './protection';

describe('detectProtection', () => {
  it('Flashbots Protect answers 1 at the probe address', async () => {
    const client = { call: async (a: { to: string }) => ({ data: a.to === FLASHBOTS_PROBE_ADDRESS ? ('0x' + '0'.repeat(63) + '1') as `0x${string}` : undefined }) };
    expect(await detectProtection(client)).toMatchObject({ flashbotsProtect: true, protected: true });
  });
  it('an ordinary node (empty answer or error) is not protected unless declared', async () => {
    expect(await detectProtection({ call: async () => ({ data: '0x' }) })).toMatchObject({ protected: false });
    expect(await detectProtection({ call: async () => { throw new Error('boom'); } }, true)).toMatchObject({ protected: true, declaredPrivate: true, flashbotsProtect: false });
  });
});
