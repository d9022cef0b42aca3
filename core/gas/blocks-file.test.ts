import { readdirSync, readFileSync } from 'node:fs';
import { gasDataDir } from './shared-data';
import { describe, expect, it } from 'vitest';
import { parseFeeDataFile } from './blocks-file';
import { BlocksFileError } from './errors';

const dir = gasDataDir();

describe('parseFeeDataFile', () => {
  it('loads every real data file', () => {
    const files = readdirSync(dir).filter((f) => !f.endsWith('.md'));
    expect(files.length).toBe(5);
    for (const f of files) {
      const parsed = parseFeeDataFile(readFileSync(new URL(f, dir), 'utf8'), f);
      if (f.includes('hourly')) {
        expect(parsed.kind).toBe('hourly');
        if (parsed.kind === 'hourly') expect(parsed.hours.length).toBe(5487);
      } else expect(parsed.kind).toBe('blocks');
    }
  });
  it('reads hex block numbers, UTC timestamps and reports gaps', () => {
    const hex = parseFeeDataFile('timestamp,basefee_wei,basefee_gwei,block_number\n2022-07-01 08:30:07,15326666506,15.3,0xe5b898\n2022-07-01 08:30:31,14425462084,14.4,0xe5b89a\n');
    expect(hex.kind === 'blocks' && hex.blocks[0]!.number).toBe(15_055_000);
    expect(hex.kind === 'blocks' && hex.blocks[0]!.timestamp).toBe(Date.UTC(2022, 6, 1, 8, 30, 7) / 1000);
    expect(hex.kind === 'blocks' && hex.gaps).toEqual([{ after: 15_055_000, missing: 1 }]);
  });
  it('rejects malformed files with the line', () => {
    expect(() => parseFeeDataFile('')).toThrow(BlocksFileError);
    expect(() => parseFeeDataFile('a,b\n1,2')).toThrow(/unknown format/);
    expect(() => parseFeeDataFile('block_number,timestamp,basefee_wei,basefee_gwei\n1,2022-01-01 00:00:00,abc,1', 'f.csv')).toThrow(/f.csv:2: base fee "abc"/);
    expect(() => parseFeeDataFile('block_number,timestamp,basefee_wei,basefee_gwei\n1,2022-01-01 00:00:00,100000000000000000000,1')).toThrow(/absurd/);
    expect(() => parseFeeDataFile('block_number,timestamp,basefee_wei,basefee_gwei\n2,2022-01-01 00:00:00,5,1\n1,2022-01-01 00:00:12,5,1')).toThrow(/strictly increasing/);
    expect(() => parseFeeDataFile('block_number,timestamp,basefee_wei,basefee_gwei\n1,2022-01-01 00:00:12,5,1\n2,2022-01-01 00:00:00,5,1')).toThrow(/clock went backwards/);
    expect(() => parseFeeDataFile('[{"number":1,"timestamp":5,"base_fee_per_gas":1,"gas_used":9,"gas_limit":8}]')).toThrow(/exceeds gas_limit/);
    expect(() => parseFeeDataFile('[{"number":1')).toThrow(/invalid JSON/);
    expect(() => parseFeeDataFile('date,avgGas,average_gas_fee\n2022/4/26 13:00,1,-5')).toThrow(/absurd/);
  });
});
