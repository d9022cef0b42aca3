import { decodeFunctionData, parseAbi, type Address, type Hex } from 'viem';

/**
 * What a call changes about who controls a Safe: the owner and threshold functions (OwnerManager), modules
 * (ModuleManager), guards (GuardManager; setModuleGuard from 1.5.0), the fallback handler (FallbackManager), the
 * singleton (changeMasterCopy before 1.3.0; Safe's migration libraries later). Decoded with viem from their ABIs.
 */
export type ControlChange =
  | { fn: 'addOwnerWithThreshold'; owner: Address; threshold: bigint }
  | { fn: 'removeOwner'; prevOwner: Address; owner: Address; threshold: bigint }
  | { fn: 'swapOwner'; prevOwner: Address; oldOwner: Address; newOwner: Address }
  | { fn: 'changeThreshold'; threshold: bigint }
  | { fn: 'enableModule'; module: Address }
  | { fn: 'disableModule'; module: Address }
  | { fn: 'setGuard'; guard: Address }
  | { fn: 'setModuleGuard'; guard: Address }
  | { fn: 'setFallbackHandler'; handler: Address }
  | { fn: 'changeMasterCopy'; singleton: Address }
  /** A migration library run by DELEGATECALL: the singleton named, or the one the library has built in. */
  | { fn: 'migrate'; method: string; singleton?: Address; handler?: Address };

export const OWNER_FUNCTIONS = new Set(['addOwnerWithThreshold', 'removeOwner', 'swapOwner', 'changeThreshold']);

const SELF_ABI = parseAbi([
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function removeOwner(address prevOwner, address owner, uint256 _threshold)',
  'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
  'function changeThreshold(uint256 _threshold)',
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function setGuard(address guard)',
  'function setModuleGuard(address moduleGuard)',
  'function setFallbackHandler(address handler)',
  'function changeMasterCopy(address _masterCopy)',
]);

/** SafeMigration (migrate*), SafeToL2Migration (migrateToL2, migrateFromV111), SafeToL2Setup (setupToL2). */
const MIGRATION_ABI = parseAbi([
  'function migrateSingleton()',
  'function migrateWithFallbackHandler()',
  'function migrateL2Singleton()',
  'function migrateL2WithFallbackHandler()',
  'function migrateToL2(address l2Singleton)',
  'function migrateFromV111(address l2Singleton, address fallbackHandler)',
  'function setupToL2(address l2Singleton)',
]);

const lower = (a: Address) => a.toLowerCase() as Address;

/** A call the Safe makes to itself (CALL with to = the Safe): the control change it makes, if it is one. */
export function decodeSelfCall(data: Hex): ControlChange | undefined {
  if (data.length < 10) return undefined;
  let call;
  try {
    call = decodeFunctionData({ abi: SELF_ABI, data });
  } catch {
    return undefined;
  }
  switch (call.functionName) {
    case 'addOwnerWithThreshold':
      return { fn: call.functionName, owner: lower(call.args[0]), threshold: call.args[1] };
    case 'removeOwner':
      return { fn: call.functionName, prevOwner: lower(call.args[0]), owner: lower(call.args[1]), threshold: call.args[2] };
    case 'swapOwner':
      return { fn: call.functionName, prevOwner: lower(call.args[0]), oldOwner: lower(call.args[1]), newOwner: lower(call.args[2]) };
    case 'changeThreshold':
      return { fn: call.functionName, threshold: call.args[0] };
    case 'enableModule':
      return { fn: call.functionName, module: lower(call.args[0]) };
    case 'disableModule':
      return { fn: call.functionName, module: lower(call.args[1]) };
    case 'setGuard':
      return { fn: call.functionName, guard: lower(call.args[0]) };
    case 'setModuleGuard':
      return { fn: call.functionName, guard: lower(call.args[0]) };
    case 'setFallbackHandler':
      return { fn: call.functionName, handler: lower(call.args[0]) };
    case 'changeMasterCopy':
      return { fn: call.functionName, singleton: lower(call.args[0]) };
  }
}

/** A migration library's function (the data of a DELEGATECALL to SafeMigration / SafeToL2Migration / SafeToL2Setup). */
export function decodeMigration(data: Hex): ControlChange {
  try {
    const call = decodeFunctionData({ abi: MIGRATION_ABI, data });
    switch (call.functionName) {
      case 'migrateToL2':
      case 'setupToL2':
        return { fn: 'migrate', method: call.functionName, singleton: lower(call.args[0]) };
      case 'migrateFromV111':
        return { fn: 'migrate', method: call.functionName, singleton: lower(call.args[0]), handler: lower(call.args[1]) };
      default:
        return { fn: 'migrate', method: call.functionName };
    }
  } catch {
    return { fn: 'migrate', method: data.slice(0, 10) };
  }
}
