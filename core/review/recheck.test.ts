import { describe, expect, it } from 'vitest';
import { text } from '../i18n/localized';
import type { Outcome } from './outcome';
import { releaseStep, SHOWN_FRESH_MS, type RecheckResult } from './recheck';
import { laterOverrides, LATER_BLOCKS, timeDependenceFinding } from './time-dependence';

const reviewed: Outcome = { mode: 'simulate', assets: [{ asset: 'native', standard: 'native', delta: '1000', symbol: 'ETH', decimals: 18 }], parties: [] };
const seenNow: Outcome = { mode: 'simulate', assets: [{ asset: 'native', standard: 'native', delta: '-10000000000000000', symbol: 'ETH', decimals: 18 }], parties: [] };
const T = 1_800_000_000_000;

describe('releaseStep: what Continue does', () => {
  it('no outcome to compare (a signature, or reviewed without chain access): forward at once', () => {
    expect(releaseStep({}, undefined, T)).toEqual({ kind: 'forward', why: 'no-outcome' });
    expect(releaseStep(undefined, undefined, T)).toEqual({ kind: 'forward', why: 'no-outcome' });
  });

  it('the first Continue checks against the reviewed outcome', () => {
    expect(releaseStep({ outcome: reviewed }, undefined, T)).toEqual({ kind: 'check', baseline: reviewed });
  });

  it('a second Continue within a minute of the shown change (or the failed check) forwards: no loop', () => {
    const changed: RecheckResult = { status: 'changed', checkedAt: T, ms: 10, before: reviewed, now: seenNow, changes: [] };
    const failed: RecheckResult = { status: 'unavailable', checkedAt: T, ms: 1500, reason: text('x', 'x') };
    expect(releaseStep({ outcome: reviewed }, changed, T + 5_000)).toEqual({ kind: 'forward', why: 'seen' });
    expect(releaseStep({ outcome: reviewed }, failed, T + SHOWN_FRESH_MS - 1)).toEqual({ kind: 'forward', why: 'seen' });
  });

  it('later, what was shown is stale: checked again, against the outcome the user saw (or the review, when the check had failed)', () => {
    const changed: RecheckResult = { status: 'changed', checkedAt: T, ms: 10, before: reviewed, now: seenNow, changes: [] };
    const failed: RecheckResult = { status: 'unavailable', checkedAt: T, ms: 1500, reason: text('x', 'x') };
    expect(releaseStep({ outcome: reviewed }, changed, T + SHOWN_FRESH_MS)).toEqual({ kind: 'check', baseline: seenNow });
    expect(releaseStep({ outcome: reviewed }, failed, T + SHOWN_FRESH_MS)).toEqual({ kind: 'check', baseline: reviewed });
  });
});

describe('time dependence (pure parts)', () => {
  it('later blocks: +60 s is 5 blocks of 12 s, +1 h 300; a 2 s chain makes 30 and 1,800; never fewer than one', () => {
    const head = { number: 100n, timestamp: 1_000n };
    expect(laterOverrides(head, 60, 12)).toEqual({ number: '0x69', time: '0x424' });
    expect(laterOverrides(head, 3_600, 12)).toEqual({ number: `0x${(400).toString(16)}`, time: `0x${(4_600).toString(16)}` });
    expect(laterOverrides(head, 60, 2).number).toBe(`0x${(130).toString(16)}`);
    expect(laterOverrides(head, 1, 12).number).toBe('0x65');
  });

  it('a later block where it only fails (a deadline) is no finding; one where it moves in the user\'s favour is info', () => {
    const [minute, hour] = LATER_BLOCKS;
    expect(timeDependenceFinding(reviewed, [{ at: hour!, outcome: { ...reviewed, revert: { reason: 'EXPIRED' }, assets: [] } }], [])).toBeUndefined();
    expect(timeDependenceFinding(reviewed, [{ at: minute!, outcome: reviewed }, { at: hour!, error: 'no' }], [])).toBeUndefined();
    const more: Outcome = { ...reviewed, assets: [{ ...reviewed.assets![0]!, delta: '10000000000000000' }] };
    expect(timeDependenceFinding(reviewed, [{ at: hour!, outcome: more }], [])?.severity).toBe('info');
  });

  it('what the user receives disappears later: danger; shrinks: warn; it fails now but goes through later: warn', () => {
    const [minute] = LATER_BLOCKS;
    expect(timeDependenceFinding(reviewed, [{ at: minute!, outcome: seenNow }], [])?.severity).toBe('danger');
    const big: Outcome = { ...reviewed, assets: [{ ...reviewed.assets![0]!, delta: '1000000000000000000' }] };
    const less: Outcome = { ...reviewed, assets: [{ ...reviewed.assets![0]!, delta: '900000000000000000' }] };
    expect(timeDependenceFinding(big, [{ at: minute!, outcome: less }], [])?.severity).toBe('warn');
    const fails: Outcome = { mode: 'simulate', revert: { reason: 'not open yet' }, assets: [], parties: [] };
    const f = timeDependenceFinding(fails, [{ at: minute!, outcome: seenNow }], []);
    expect(f?.severity).toBe('warn');
    expect(f?.title.en).toBe('It fails now, but mined 1 minute later it would go through and move your assets');
  });

  it('names what the scan could not see: no time read in the called contract\'s own code', () => {
    const [minute] = LATER_BLOCKS;
    const f = timeDependenceFinding(reviewed, [{ at: minute!, outcome: seenNow }], [{ address: '0x1111111111111111111111111111111111111111', name: '0x1111…1111', reads: { timestamp: false, number: false, origin: false, coinbase: false, delegatecall: true } }]);
    expect(f?.detail?.en).toContain("The called contract's own code does not read the block's time or number");
  });
});
