import { describe, expect, it } from 'vitest';
import { ALL_FIXTURES as FIXTURES, reviewFixture } from './fixtures/all';
import type { Fixture } from './fixtures/build';
import { loadSharedScamList } from './fixtures/scam-list';
import { scoreFixtures } from './fixtures/score';

/** Every fixture is reviewed with the whole public scam-address list, as the extension does once it has fetched it. */
const scamAddresses = loadSharedScamList();
const review = (f: Fixture) => reviewFixture(f, scamAddresses);

describe('fixture table: real-world requests, benign and malicious', () => {
  it('has at least 50 requests, at least 20 of each kind', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(50);
    expect(FIXTURES.filter((f) => f.expect.verdict === 'ok').length).toBeGreaterThanOrEqual(20);
    expect(FIXTURES.filter((f) => f.expect.verdict !== 'ok').length).toBeGreaterThanOrEqual(20);
    expect(new Set(FIXTURES.map((f) => f.name)).size).toBe(FIXTURES.length);
  });

  it('no false alarm on ordinary requests, every hostile one flagged (README "Measured")', async () => {
    const score = scoreFixtures(await Promise.all(FIXTURES.map(async (fixture) => ({ fixture, review: await review(fixture) }))));
    expect(score.ordinary.falseAlarmNames).toEqual([]);
    expect(score.ordinary.total).toBeGreaterThanOrEqual(50);
    expect(score.hostile.missed).toEqual([]);
    expect(score.hostile.total).toBeGreaterThanOrEqual(50);
    expect(score.warranted.notWarned).toEqual([]);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const r = await review(f);
    const codes = [...new Set(r.findings.map((x) => x.code))].sort();
    expect({ verdict: r.verdict, codes }).toEqual({ verdict: f.expect.verdict, codes: [...f.expect.codes].sort() });
    if (f.expect.verdict === 'ok') {
      expect(r.findings.filter((x) => x.severity !== 'info')).toEqual([]);
    } else {
      // Flagged with the right code: the finding that sets the verdict carries an expected code.
      const top = r.findings[0]!;
      expect(top.severity).not.toBe('info');
      expect(f.expect.codes).toContain(top.code);
    }
    for (const x of [...r.findings, ...r.cards.map((c) => ({ title: c.title }))]) {
      expect(x.title.en.length).toBeGreaterThan(0);
      expect(x.title.ja.length).toBeGreaterThan(0);
    }
    expect(r.summary.en.length).toBeGreaterThan(0);
  });
});
