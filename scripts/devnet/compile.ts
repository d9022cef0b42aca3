/**
 * Compiles the devnet's own Solidity sources (contracts/*.sol) with solcjs, caching the output
 * under `.cache/devnet/` keyed by a hash of the sources, the compiler and OpenZeppelin versions,
 * so only the first start pays the (slow) solcjs compile.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';
import type { Artifact } from './artifacts.ts';

const here = dirname(fileURLToPath(import.meta.url));
const contractsDir = join(here, 'contracts');
const repoRoot = join(here, '..', '..');
const cacheDir = join(repoRoot, '.cache', 'devnet');
const require = createRequire(import.meta.url);

/** The subset of solcjs we use. solc ships `any`-typed declarations, so we narrow them here. */
interface Solc {
  version(): string;
  compile(input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }): string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

export type CompiledContracts = Record<string, Artifact>;

function readSources(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
    out[file] = readFileSync(join(contractsDir, file), 'utf8');
  }
  return out;
}

function ozVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('@openzeppelin/contracts/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function solcVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('solc/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function findImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch {
    return { error: `not found: ${path}` };
  }
}

/** Returns every contract in contracts/*.sol by name, compiling only on a cache miss. */
export function compileDevContracts(log: (msg: string) => void = () => {}): CompiledContracts {
  const sources = readSources();
  const key = createHash('sha256')
    .update(JSON.stringify({ sources, solc: solcVersion(), oz: ozVersion(), v: 1 }))
    .digest('hex')
    .slice(0, 16);
  const cacheFile = join(cacheDir, `contracts-${key}.json`);
  if (existsSync(cacheFile)) {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledContracts;
  }
  log(`compiling devnet contracts with solcjs (cache miss ${key})…`);
  const solc = require('solc') as Solc;
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([file, content]) => [file, { content }])),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const compiled: CompiledContracts = {};
  for (const file of Object.keys(sources)) {
    for (const [name, c] of Object.entries(output.contracts?.[file] ?? {})) {
      compiled[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
    }
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(compiled));
  return compiled;
}
