import type { Address } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import type { ControlChange } from './management';

export interface OwnerSet {
  owners: Address[];
  threshold: bigint;
}

const SENTINEL = '0x0000000000000000000000000000000000000001';
const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * The owners and threshold after the owner changes, applied in order the way Safe's OwnerManager does (a new owner
 * goes first in getOwners(); a swapped owner keeps its place), with the first change the Safe would refuse (then the
 * whole transaction fails).
 */
export function applyOwnerChanges(start: OwnerSet, changes: readonly ControlChange[]): OwnerSet & { refused?: Localized } {
  let owners = [...start.owners];
  let threshold = start.threshold;
  const has = (a: Address) => owners.includes(a);
  const prevOf = (a: Address): Address => (owners.indexOf(a) <= 0 ? SENTINEL : owners[owners.indexOf(a) - 1]!);
  const invalid = (a: Address) => a === ZERO || a === SENTINEL;
  const setThreshold = (t: bigint): Localized | undefined =>
    t < 1n || t > BigInt(owners.length) ? text(`a threshold of ${t} with ${owners.length} owners`, `オーナー ${owners.length} 人でしきい値 ${t}`) : ((threshold = t), undefined);
  for (const c of changes) {
    let refused: Localized | undefined;
    switch (c.fn) {
      case 'addOwnerWithThreshold':
        if (invalid(c.owner) || has(c.owner)) refused = text(`adding ${c.owner}, ${has(c.owner) ? 'already an owner' : 'not a valid owner'}`, `${c.owner} の追加（${has(c.owner) ? 'すでにオーナーです' : 'オーナーにできないアドレスです'}）`);
        else {
          owners = [c.owner, ...owners];
          refused = setThreshold(c.threshold);
        }
        break;
      case 'removeOwner':
        if (!has(c.owner) || prevOf(c.owner) !== c.prevOwner) refused = text(`removing ${c.owner}, ${has(c.owner) ? `whose predecessor is not ${c.prevOwner}` : 'not an owner'}`, `${c.owner} の削除（${has(c.owner) ? `直前のオーナーが ${c.prevOwner} ではありません` : 'オーナーではありません'}）`);
        else if (BigInt(owners.length - 1) < c.threshold) refused = text(`a threshold of ${c.threshold} with ${owners.length - 1} owners`, `オーナー ${owners.length - 1} 人でしきい値 ${c.threshold}`);
        else {
          owners = owners.filter((o) => o !== c.owner);
          refused = setThreshold(c.threshold);
        }
        break;
      case 'swapOwner':
        if (!has(c.oldOwner) || prevOf(c.oldOwner) !== c.prevOwner) refused = text(`replacing ${c.oldOwner}, ${has(c.oldOwner) ? `whose predecessor is not ${c.prevOwner}` : 'not an owner'}`, `${c.oldOwner} の置き換え（${has(c.oldOwner) ? `直前のオーナーが ${c.prevOwner} ではありません` : 'オーナーではありません'}）`);
        else if (invalid(c.newOwner) || has(c.newOwner)) refused = text(`${c.newOwner} as a new owner, ${has(c.newOwner) ? 'already an owner' : 'not a valid owner'}`, `新しいオーナー ${c.newOwner}（${has(c.newOwner) ? 'すでにオーナーです' : 'オーナーにできないアドレスです'}）`);
        else owners = owners.map((o) => (o === c.oldOwner ? c.newOwner : o));
        break;
      case 'changeThreshold':
        refused = setThreshold(c.threshold);
        break;
      default:
        break;
    }
    if (refused) return { owners, threshold, refused };
  }
  return { owners, threshold };
}
