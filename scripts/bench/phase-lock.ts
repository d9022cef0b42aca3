/**
 * Holds an flock(1) lock on a file while a measurement phase runs, so the phase does not share the CPU with other
 * heavy jobs that take the same lock (`--lock FILE` in `npm run bench -- --only metamask`). Set-up that is not timed
 * (onboarding MetaMask) runs outside it, so no single hold is long.
 */
import { spawn } from 'node:child_process';

export async function withLock<T>(file: string | undefined, phase: () => Promise<T>): Promise<T> {
  if (!file) return phase();
  // flock runs `cat` once it holds the lock; closing cat's stdin ends it and releases the lock.
  const holder = spawn('flock', [file, 'sh', '-c', 'echo held; exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock ${file} exited (${code}) before holding the lock`)));
    holder.stdout.once('data', () => resolve());
  });
  try {
    return await phase();
  } finally {
    holder.stdin.end();
  }
}
