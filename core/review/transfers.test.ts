import { describe, expect, it } from 'vitest';
import { lookalikeOf, recipientsFromTransfers } from './transfers';

const FRIEND = '0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97';

describe('address poisoning helpers', () => {
  it('a look-alike shares the first and last 4 hex characters but differs', () => {
    expect(lookalikeOf('0x4838f00dbabe0000deadbeef00000000cafe5f97', [FRIEND])).toBe(FRIEND);
    expect(lookalikeOf(FRIEND.toUpperCase().replace('0X', '0x'), [FRIEND])).toBeUndefined();
    expect(lookalikeOf('0x4839f00dbabe0000deadbeef00000000cafe5f97', [FRIEND])).toBeUndefined();
    expect(lookalikeOf('0x4838f00dbabe0000deadbeef00000000cafe5f98', [FRIEND])).toBeUndefined();
    expect(lookalikeOf('0x4838f00dbabe0000deadbeef00000000cafe5f97', [])).toBeUndefined();
  });

  it('known recipients come from real outgoing transfers only: zero-value and third-party transfers are dropped', () => {
    const me = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
    const poisoner = '0x000000000000000000000000000000000000dead';
    const got = recipientsFromTransfers(
      [
        { from: me, to: FRIEND, value: 100n, txFrom: me },
        { from: me, to: '0x4838f00dbabe0000deadbeef00000000cafe5f97', value: 0n, txFrom: poisoner },
        { from: me, to: '0x4838aaaabbbb0000deadbeef00000000cafe5f97', value: 1n, txFrom: poisoner },
      ],
      me,
    );
    expect(got).toEqual([FRIEND]);
  });
});
