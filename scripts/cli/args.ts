export interface CliArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

/** `a b --x 1 --y --z=2` → positional [a, b], flags {x: '1', y: true, z: '2'} */
export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags[arg.slice(2)] = next;
      i++;
    } else {
      flags[arg.slice(2)] = true;
    }
  }
  return { positional, flags };
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export function requireFlag(args: CliArgs, name: string): string {
  const value = args.flags[name];
  if (typeof value !== 'string') throw new CliUsageError(`--${name} is required`);
  return value;
}
