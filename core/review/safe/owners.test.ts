import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { applyOwnerChanges } from './owners';

const [A, B, C, X] = ['0x000000000000000000000000000000000000000a', '0x000000000000000000000000000000000000000b', '0x000000000000000000000000000000000000000c', '0x00000000000000000000000000000000000000ff'] as Address[] as [Address, Address, Address, Address];
const SENTINEL = '0x0000000000000000000000000000000000000001';
const start = { owners: [A, B, C], threshold: 2n };

describe('owner changes, applied as Safe’s OwnerManager does', () => {
  it('addOwnerWithThreshold puts the new owner first and sets the threshold', () => {
    expect(applyOwnerChanges(start, [{ fn: 'addOwnerWithThreshold', owner: X, threshold: 3n }])).toEqual({ owners: [X, A, B, C], threshold: 3n });
  });
  it('swapOwner keeps the place; removeOwner needs the predecessor (the sentinel for the first)', () => {
    expect(applyOwnerChanges(start, [{ fn: 'swapOwner', prevOwner: B, oldOwner: C, newOwner: X }])).toEqual({ owners: [A, B, X], threshold: 2n });
    expect(applyOwnerChanges(start, [{ fn: 'removeOwner', prevOwner: SENTINEL, owner: A, threshold: 1n }])).toEqual({ owners: [B, C], threshold: 1n });
  });
  it('what the Safe would refuse is said, and the change stops there', () => {
    expect(applyOwnerChanges(start, [{ fn: 'removeOwner', prevOwner: A, owner: C, threshold: 2n }]).refused?.en).toMatch(/predecessor is not/);
    expect(applyOwnerChanges(start, [{ fn: 'changeThreshold', threshold: 4n }]).refused?.en).toBe('a threshold of 4 with 3 owners');
    expect(applyOwnerChanges(start, [{ fn: 'addOwnerWithThreshold', owner: B, threshold: 2n }]).refused?.en).toMatch(/already an owner/);
    expect(applyOwnerChanges(start, [{ fn: 'removeOwner', prevOwner: B, owner: C, threshold: 3n }]).refused?.en).toBe('a threshold of 3 with 2 owners');
  });
  it('a batch applies in order: swap then lower the threshold', () => {
    expect(applyOwnerChanges(start, [{ fn: 'swapOwner', prevOwner: SENTINEL, oldOwner: A, newOwner: X }, { fn: 'changeThreshold', threshold: 1n }])).toEqual({ owners: [X, B, C], threshold: 1n });
  });
});
