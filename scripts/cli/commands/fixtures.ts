import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_FIXTURES, reviewFixture } from '../../../core/review/fixtures/all';
import { SCAM_LIST_FILE } from '../../../core/review/fixtures/scam-list';
import { scoreFixtures } from '../../../core/review/fixtures/score';
import { parseScamList } from '../../../core/threat/scam-list';
import type { CliArgs } from '../args';

/**
 * `fixtures [--scam-list FILE|none]`: reviews the whole fixture table (core/review/fixtures) offline, with the public
 * scam-address list (default ../shared/data/threat), and prints the false alarms on ordinary requests and how many
 * hostile ones are flagged.
 */
export async function run(args: CliArgs): Promise<unknown> {
  const flag = args.flags['scam-list'];
  const file = typeof flag === 'string' ? flag : SCAM_LIST_FILE;
  const scam = file === 'none' ? undefined : new Set(parseScamList(JSON.parse(readFileSync(resolve(file), 'utf8'))));
  const reviewed = await Promise.all(ALL_FIXTURES.map(async (fixture) => ({ fixture, review: await reviewFixture(fixture, scam) })));
  return { fixtures: ALL_FIXTURES.length, scamList: scam ? { file, addresses: scam.size } : 'none', ...scoreFixtures(reviewed) };
}
