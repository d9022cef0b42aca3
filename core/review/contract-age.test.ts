import { describe, expect, it } from 'vitest';
import { contractAge } from './contract-age';
import { C, CURVE_3POOL, DRAINER, FRESH_CONTRACT, MAINNET } from './fixtures/build';
import { recordedClient } from './fixtures/recorded-chain';

describe('contractAge: binary search of eth_getCode over block numbers', () => {
  it('an old contract is settled in a handful of calls', async () => {
    const client = recordedClient(MAINNET);
    expect(await contractAge(client, C.PERMIT2)).toEqual({ status: 'old' });
    expect(client.calls.filter((m) => m === 'eth_getCode').length).toBeLessThanOrEqual(2);
  });

  it('finds the deploy block of a new contract to within 5 % of its age, within 30 calls, never older than it is', async () => {
    const client = recordedClient(MAINNET);
    const age = await contractAge(client, FRESH_CONTRACT);
    const deployed = MAINNET.contracts[FRESH_CONTRACT]!;
    const trueAge = 14_400 * 12;
    if (age.status !== 'new') throw new Error(`expected new, got ${age.status}`);
    expect(age.deployedBlock).toBeGreaterThanOrEqual(deployed);
    expect(age.deployedBlock - deployed).toBeLessThanOrEqual(14_400n / 20n);
    expect(age.ageSeconds).toBeLessThanOrEqual(trueAge);
    expect(age.ageSeconds).toBeGreaterThanOrEqual(trueAge * 0.95);
    expect(client.calls.filter((m) => m === 'eth_getCode').length).toBeLessThanOrEqual(30);
  });

  it('a call budget spent mid-search still says new, with the youngest age the probes allow', async () => {
    const age = await contractAge(recordedClient(MAINNET), FRESH_CONTRACT, { maxCalls: 9 });
    if (age.status !== 'new') throw new Error(`expected new, got ${age.status}`);
    expect(age.ageSeconds).toBeLessThanOrEqual(14_400 * 12);
    expect(age.ageSeconds).toBeGreaterThan(0);
  });

  // Each sequential round trip costs the node's latency (100 ms: most of an approval's review, scripts/bench/cold-first.ts
  // --rpc-latency-ms). Calls made together are one round (a batching client sends them as one HTTP request).
  it('settles an old contract in 2 round trips, on a new client too; a new one in at most 5', async () => {
    const client = recordedClient(MAINNET, { rounds: true });
    expect(await contractAge(client, C.PERMIT2)).toEqual({ status: 'old' });
    expect(client.rounds()).toBe(2);
    expect(await contractAge(client, CURVE_3POOL)).toEqual({ status: 'old' });
    expect(client.rounds()).toBe(2 + 2);
    const fresh = recordedClient(MAINNET, { rounds: true });
    expect((await contractAge(fresh, FRESH_CONTRACT)).status).toBe('new');
    expect(fresh.rounds()).toBeLessThanOrEqual(5);
    const eoa = recordedClient(MAINNET, { rounds: true });
    expect(await contractAge(eoa, DRAINER)).toEqual({ status: 'eoa' });
    expect(eoa.rounds()).toBe(1);
  });

  it('a young chain: the genesis block is read with the first historical probe, not after it', async () => {
    const young = { ...MAINNET, head: 300n, contracts: { '0x00000000000000000000000000000000000000b1': 0n, '0x00000000000000000000000000000000000000b2': 150n } };
    const atGenesis = recordedClient(young, { rounds: true });
    expect(await contractAge(atGenesis, '0x00000000000000000000000000000000000000b1')).toEqual({ status: 'new', deployedBlock: 0n, ageSeconds: 300 * 12 });
    expect(atGenesis.rounds()).toBe(2);
    const later = await contractAge(recordedClient(young), '0x00000000000000000000000000000000000000b2');
    if (later.status !== 'new') throw new Error(`expected new, got ${later.status}`);
    expect(later.ageSeconds).toBeLessThanOrEqual(150 * 12);
    expect(later.ageSeconds).toBeGreaterThanOrEqual(150 * 12 * 0.95);
  });

  it('a wrong nominal block time costs at most a round, never the answer; the measured one is kept for the client', async () => {
    const chain = { ...MAINNET, contracts: { '0x00000000000000000000000000000000000000a1': MAINNET.head - 151_200n, '0x00000000000000000000000000000000000000a2': MAINNET.head - 43_200n } };
    // Too long (48 s a block on a 12 s chain): the first probe lands 1.75 days back, inside the window.
    const slow = recordedClient(chain, { rounds: true });
    expect(await contractAge(slow, '0x00000000000000000000000000000000000000a1', { blockTimeSeconds: 48 })).toEqual({ status: 'old' });
    expect(slow.rounds()).toBe(3);
    expect(await contractAge(slow, '0x00000000000000000000000000000000000000a1', { blockTimeSeconds: 48 })).toEqual({ status: 'old' });
    expect(slow.rounds()).toBe(3 + 2); // measured by the first search
    const sixDaysSlow = await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a2', { blockTimeSeconds: 48 });
    if (sixDaysSlow.status !== 'new') throw new Error(`expected new, got ${sixDaysSlow.status}`);
    expect(sixDaysSlow.ageSeconds).toBeGreaterThanOrEqual(518_400 * 0.95);
    // Too short (3 s): the first probe lands 28 days back; a 3-week-old contract is there, a 6-day-old one is found.
    expect(await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a1', { blockTimeSeconds: 3 })).toEqual({ status: 'old' });
    const sixDays = await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a2', { blockTimeSeconds: 3 });
    if (sixDays.status !== 'new') throw new Error(`expected new, got ${sixDays.status}`);
    expect(sixDays.ageSeconds).toBeLessThanOrEqual(518_400);
    expect(sixDays.ageSeconds).toBeGreaterThanOrEqual(518_400 * 0.95);
    // A contract 8 days old, aimed 28 days back: not there, found later, and still old.
    const eight = { ...MAINNET, contracts: { '0x00000000000000000000000000000000000000a3': MAINNET.head - 57_600n } };
    expect(await contractAge(recordedClient(eight), '0x00000000000000000000000000000000000000a3', { blockTimeSeconds: 3 })).toEqual({ status: 'old' });
  });

  it('an address without code is an EOA', async () => {
    expect(await contractAge(recordedClient(MAINNET), DRAINER)).toEqual({ status: 'eoa' });
  });

  it('says the age is unknown when the RPC serves no historical state', async () => {
    const age = await contractAge(recordedClient({ ...MAINNET, pruned: true }), CURVE_3POOL);
    expect(age.status).toBe('unknown');
  });

  it('a contract deployed 3 weeks ago is old; one deployed 6 days ago is new', async () => {
    const chain = { ...MAINNET, contracts: { '0x00000000000000000000000000000000000000a1': MAINNET.head - 151_200n, '0x00000000000000000000000000000000000000a2': MAINNET.head - 43_200n } };
    expect((await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a1')).status).toBe('old');
    const sixDays = await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a2');
    if (sixDays.status !== 'new') throw new Error(`expected new, got ${sixDays.status}`);
    expect(sixDays.ageSeconds).toBeLessThanOrEqual(518_400);
    expect(sixDays.ageSeconds).toBeGreaterThanOrEqual(518_400 * 0.95);
  });
});
