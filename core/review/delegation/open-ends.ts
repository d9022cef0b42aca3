import { toFunctionSelector, type Hex } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import type { CaveatReading } from './caveat-words';
import { methodName } from './method-names';
import type { CaveatKind } from './terms';

/**
 * Caveats whose enforcer fixes the contract called (checked in delegation-framework src/enforcers: each compares the
 * execution's target with the address in its terms, or pins the whole execution).
 */
const PINS_TARGET: ReadonlySet<CaveatKind> = new Set([
  'allowed-targets',
  'exact-execution',
  'erc20-transfer-amount',
  'erc20-period',
  'erc20-streaming',
  'multi-token-period',
  'erc721-transfer',
  'ownership-transfer',
  'specific-erc20-batch',
]);
/** Caveats that check only the call data: AllowedMethods, AllowedCalldata, ExactCalldata(Batch) read nothing else. */
const CALL_DATA_ONLY: ReadonlySet<CaveatKind> = new Set(['allowed-methods', 'allowed-calldata', 'exact-calldata', 'exact-calldata-batch']);
/** Caveats that cap the native currency the delegate sends with its calls. */
const CAPS_VALUE: ReadonlySet<CaveatKind> = new Set(['value-lte', 'native-transfer-amount', 'native-period', 'native-streaming']);

/**
 * Token and NFT functions that move or hand over the caller's assets, on whichever contract they are called. Hashed on
 * first use, not when the service worker loads this module (a cold keccak each, at every worker start).
 */
let movesAssets: ReadonlySet<string> | undefined;
const movingSelectors = (): ReadonlySet<string> =>
  (movesAssets ??= new Set(
    [
      'transfer(address,uint256)',
      'transferFrom(address,address,uint256)',
      'approve(address,uint256)',
      'increaseAllowance(address,uint256)',
      'setApprovalForAll(address,bool)',
      'safeTransferFrom(address,address,uint256)',
      'safeTransferFrom(address,address,uint256,bytes)',
      'safeTransferFrom(address,address,uint256,uint256,bytes)',
      'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)',
    ].map((s) => toFunctionSelector(`function ${s}`)),
  ));

/**
 * What a delegation's caveats leave open although they name what may be called: a list of functions with no contract
 * (transfer() then works on every token the account holds), or call-data rules with neither a contract nor a cap on the
 * native currency (a call with that data to the delegate's own address carries the whole balance). Undefined when the
 * caveats close both. Only the top-level caveats are read; OR-groups are judged as before, group by group.
 */
export function openEnd(readings: readonly CaveatReading[]): Localized | undefined {
  const what = readings.filter((r) => r.restricts === 'what');
  if (what.length === 0) return undefined;
  const kinds = what.map((r) => r.terms?.kind);
  if (kinds.some((k) => k === undefined || PINS_TARGET.has(k) || !CALL_DATA_ONLY.has(k))) return undefined;
  const exactData = kinds.some((k) => k === 'allowed-calldata' || k === 'exact-calldata' || k === 'exact-calldata-batch');
  const moving = readings.flatMap((r) => (r.terms?.kind === 'allowed-methods' ? r.terms.selectors : [])).filter((s: Hex) => movingSelectors().has(s.toLowerCase()));
  if (moving.length > 0 && !exactData) {
    const names = [...new Set(moving.map((s) => methodName(s)))].join(', ');
    return text(
      `Its caveats name the function${moving.length > 1 ? 's' : ''} ${names} but no contract: the delegate may call ${names} on every token and NFT the account holds.`,
      `制約は関数 ${names} を指定していますが、コントラクトを指定していません：委任先はアカウントが持つすべてのトークンと NFT で ${names} を呼び出せます。`,
    );
  }
  if (!readings.some((r) => r.terms && CAPS_VALUE.has(r.terms.kind))) {
    return text(
      'Its caveats fix only the call data, not the contract called nor the native currency sent with it: a call with that data to the delegate\'s own address can carry the account\'s whole balance.',
      '制約は呼び出しデータだけを固定し、呼び出し先のコントラクトも送るネイティブ通貨も制限していません：そのデータで委任先自身のアドレスを呼び出せば、アカウントの残高をすべて送れます。',
    );
  }
  return undefined;
}
