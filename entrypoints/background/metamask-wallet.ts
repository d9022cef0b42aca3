/**
 * MetaMask as the Withdraw tab's wallet, driven from the worker (thin; the connection is components/metamask):
 * whether MetaMask answers and Preflight is connected, the connect request, and a plan step sent through
 * MetaMask's confirmation. Requests that wait for the user run on here after the message is answered: the popup
 * closes when MetaMask's window takes the focus, and the step's hash must still be stored when the user confirms.
 * If the worker stops meanwhile, the step is found on chain by its sender, recipient, calldata and value
 * (withdraw-steps.ts, core/withdraw/sent-recovery.ts).
 */
import { metaMask, MetaMaskNotFoundError, MetaMaskRpcError } from '@/components/metamask';
import type { MetaMaskStatus, PlanView } from '@/core/messages';
import { nextActionableStep, requirePlan } from '@/core/store/plans';
import { db } from '@/components/storage/db';
import { planView, WithdrawSetupError } from './withdraw';
import { stepReleaseCheck, stepSent } from './withdraw-steps';
import { clearWalletWait, setWalletWait, walletWaitOf } from './wallet-waits';
import { requireMetaMaskAccount, sendThroughMetaMask } from './metamask-send';

let connecting = false;
let connectError: string | undefined;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function metaMaskStatus(): Promise<MetaMaskStatus> {
  let found;
  try {
    found = await metaMask.find();
  } catch (e) {
    if (e instanceof MetaMaskNotFoundError) return { found: false, tried: [...e.tried], silent: [...e.silent] };
    throw e;
  }
  const [accounts, chainId, state] = await Promise.all([
    metaMask.request<string[]>({ method: 'eth_accounts' }).catch(() => [] as string[]),
    metaMask.request<string>({ method: 'eth_chainId' }).catch(() => found.chainId),
    // The provider's own start-up request; says whether MetaMask is unlocked (eth_accounts is [] while it is locked).
    metaMask.request<{ isUnlocked?: unknown }>({ method: 'metamask_getProviderState' }).catch(() => undefined),
  ]);
  return {
    found: true, extensionId: found.extensionId, ...(found.name ? { name: found.name } : {}), chainId, accounts: Array.isArray(accounts) ? accounts : [],
    locked: state?.isUnlocked === false, connecting, ...(connectError ? { connectError } : {}),
  };
}

/** Methods extension pages may ask the worker to read through MetaMask (metamask:read): reads only, never a signature or a send. */
const READ_METHODS: ReadonlySet<string> = new Set([
  'eth_chainId', 'eth_blockNumber', 'eth_getBalance', 'eth_getCode', 'eth_getStorageAt', 'eth_call', 'eth_estimateGas', 'eth_feeHistory',
  'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_getBlockByNumber', 'eth_getBlockByHash', 'eth_getTransactionByHash', 'eth_getTransactionReceipt',
  'eth_getTransactionCount', 'eth_getLogs', 'eth_simulateV1', 'eth_accounts',
]);

export class NotAReadError extends Error {
  override name = 'NotAReadError';
}

/** One chain read through MetaMask (its selected network for Preflight), from the worker. MetaMask's refusals keep their code in the message. */
export async function readThroughMetaMask(method: string, params: unknown[] | undefined): Promise<unknown> {
  if (!READ_METHODS.has(method)) throw new NotAReadError(`${method} is not a read: only ${[...READ_METHODS].join(', ')} go through metamask:read.`);
  try {
    return await metaMask.request({ method, ...(params ? { params } : {}) });
  } catch (e) {
    if (e instanceof MetaMaskRpcError) throw new MetaMaskRpcError(`${method}: ${e.message} (code ${e.code ?? 'none'})`, e.code, e.data);
    throw e;
  }
}

/**
 * Asks MetaMask to connect Preflight (its connect window; when MetaMask is locked, its password screen first);
 * answers at once with the status, the request runs on.
 */
export async function connectMetaMask(): Promise<MetaMaskStatus> {
  const status = await metaMaskStatus();
  if (!status.found) throw new MetaMaskNotFoundError(status.tried, status.silent);
  if (status.accounts.length > 0 || connecting) return status;
  connecting = true;
  connectError = undefined;
  void metaMask.request<string[]>({ method: 'eth_requestAccounts' }).then(
    () => undefined,
    (e: unknown) => {
      connectError = e instanceof MetaMaskRpcError && e.userRejected ? 'You rejected the connection in MetaMask.' : messageOf(e);
    },
  ).finally(() => {
    connecting = false;
  });
  return { ...status, connecting: true };
}

/**
 * Sends the plan's next step through MetaMask: checks that MetaMask holds the plan's account, switches MetaMask to
 * the plan's chain if needed, then eth_sendTransaction (MetaMask's confirmation). Answers at once; `step:sent`
 * is applied when MetaMask returns the hash, and `wallet` in the plan view says what is going on meanwhile.
 */
export async function sendStepWithMetaMask(planId: string, stepId: string): Promise<PlanView> {
  const record = await requirePlan(await db(), planId);
  const step = record.steps.find((s) => s.id === stepId);
  if (!step?.tx) throw new WithdrawSetupError('Prepare the step first: it is reviewed before it is sent.');
  if (nextActionableStep(record)?.id !== stepId || step.status !== 'pending') throw new WithdrawSetupError('Steps run in order: finish the earlier step first.');
  const open = walletWaitOf(planId);
  if (open && 'since' in open) throw new WithdrawSetupError('MetaMask is already showing a step of this plan: confirm or reject it in MetaMask’s window.');
  const tx = step.tx;
  // Simulated again before MetaMask is asked: an outcome that moved since the step was prepared is shown, not sent.
  const stopped = await stepReleaseCheck(record, step);
  if (stopped) return stopped;
  await requireMetaMaskAccount(tx.from, 'the Withdraw tab');
  setWalletWait(planId, { stepId, since: Date.now() });
  // One user flow from the chain check to MetaMask's answer (metamask-send.ts): Preflight's own chain reads do not
  // switch MetaMask's network meanwhile. The tx names its chain too, so MetaMask refuses it rather than send it on another network.
  void sendThroughMetaMask(tx).then(async (hash) => {
    await stepSent(planId, stepId, hash);
    clearWalletWait(planId);
  }).catch((e: unknown) => {
    const rejected = e instanceof MetaMaskRpcError && e.userRejected;
    setWalletWait(planId, { stepId, error: rejected ? 'You rejected it in MetaMask: nothing was sent.' : messageOf(e), rejected });
  });
  return planView(record);
}
