/** Withdraw-tab messages (extension pages only; handlers.ts checks the sender and hands them here). */
import type { RuntimeMessage, WithdrawMessage } from '@/core/messages';
import { listPlans, requirePlan } from '@/core/store/plans';
import { db } from '@/components/storage/db';
import { balances, createPlan, nodeWallet, planView, replanRest } from './withdraw';
import { checkReplan, prepareStep, sendWithNode, skipStep, stepSent, trackPlan } from './withdraw-steps';
import { connectMetaMask, metaMaskStatus, readThroughMetaMask, sendStepWithMetaMask } from './metamask-wallet';

const WITHDRAW_TYPES: ReadonlySet<string> = new Set<WithdrawMessage['t']>([
  'withdraw:wallet', 'metamask:status', 'metamask:connect', 'metamask:read', 'withdraw:balances', 'plan:create', 'plan:get', 'plan:list', 'plan:track', 'plan:check', 'plan:replan',
  'step:prepare', 'step:send', 'step:sent', 'step:skip', 'step:done',
]);

export function isWithdrawMessage(m: RuntimeMessage): m is WithdrawMessage {
  return WITHDRAW_TYPES.has(m.t);
}

export async function handleWithdrawMessage(m: WithdrawMessage): Promise<unknown> {
  switch (m.t) {
    case 'withdraw:wallet':
      return nodeWallet(m.chainId);
    case 'metamask:status':
      return metaMaskStatus();
    case 'metamask:connect':
      return connectMetaMask();
    case 'metamask:read':
      return readThroughMetaMask(m.method, m.params);
    case 'withdraw:balances':
      return balances(m.chainId, m.account);
    case 'plan:create':
      return createPlan(m.request, m.wallet);
    case 'plan:get':
      return planView(await requirePlan(await db(), m.id));
    case 'plan:list':
      return (await listPlans(await db(), 20)).map(planView);
    case 'plan:track':
      return trackPlan(m.id);
    case 'plan:check':
      return checkReplan(m.id);
    case 'plan:replan':
      return replanRest(m.id);
    case 'step:prepare':
      return prepareStep(m.planId, m.stepId);
    case 'step:send': {
      const plan = await requirePlan(await db(), m.planId);
      return plan.wallet === 'metamask' ? sendStepWithMetaMask(m.planId, m.stepId) : sendWithNode(m.planId, m.stepId);
    }
    case 'step:sent':
      return stepSent(m.planId, m.stepId, m.txHash);
    case 'step:skip':
      return skipStep(m.planId, m.stepId, false);
    case 'step:done':
      return skipStep(m.planId, m.stepId, true);
  }
}
