import { describe, expect, it } from 'vitest';
import { parseArgs } from '../args';
import { run } from './review';

describe('preflight review', () => {
  it('prints the review of a request (no RPC: on-chain checks skipped)', async () => {
    const request = JSON.stringify({ method: 'eth_sign', params: ['0xd8da6bf26964af9d7eed9e03e53415d37aa96045', `0x${'ab'.repeat(32)}`] });
    const r = await run(parseArgs(['--origin', 'https://app.example', '--request', request]));
    expect(r.verdict).toBe('danger');
    expect(r.findings.map((f) => f.code)).toEqual(['eth-sign']);
  });

  it('honours --trusted-origins and --chain-id', async () => {
    const request = JSON.stringify({ method: 'personal_sign', params: ['0x48656c6c6f', '0xd8da6bf26964af9d7eed9e03e53415d37aa96045'] });
    expect((await run(parseArgs(['--origin', 'https://azukishop.live', '--request', request]))).verdict).toBe('danger');
    const trusted = await run(parseArgs(['--origin', 'https://azukishop.live', '--request', request, '--trusted-origins', 'azukishop.live', '--chain-id', '10']));
    expect(trusted.verdict).toBe('ok');
    expect(trusted.request.chainId).toBe(10);
  });

  it('rejects bad input with a usage error', async () => {
    await expect(run(parseArgs(['--origin', 'https://a.example', '--request', '{nope']))).rejects.toThrow(/not valid JSON/);
    await expect(run(parseArgs(['--origin', 'https://a.example', '--request', '{"method":"eth_getBalance"}']))).rejects.toThrow(/not a reviewed method/);
  });
});
