import { browser } from 'wxt/browser';
import type { RuntimeMessage } from '@/core/messages';

export class BackgroundError extends Error {
  override name = 'BackgroundError';
}

/** Sends a message to the background and unwraps its `{ok, result|error}` answer. Wakes a stopped worker. */
export async function ask<T>(message: RuntimeMessage): Promise<T> {
  const answer = (await browser.runtime.sendMessage(message)) as { ok: boolean; result?: T; error?: string } | undefined;
  if (!answer) throw new BackgroundError('The background did not answer.');
  if (!answer.ok) throw new BackgroundError(answer.error ?? 'unknown error');
  return answer.result as T;
}
