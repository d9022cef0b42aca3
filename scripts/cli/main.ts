/**
 * `npm run preflight -- <command> [subcommand] [--flag value ...]`
 * Each command lives in scripts/cli/commands/<command>.ts and exports `run(args)`, which returns
 * a JSON-serialisable result printed on stdout. Errors print `{ "error": ... }` and exit 1.
 */
import { parseArgs, type CliArgs } from './args';

type Command = (args: CliArgs) => Promise<unknown>;

const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  gas: () => import('./commands/gas'),
  review: () => import('./commands/review'),
  mev: () => import('./commands/mev'),
  plan: () => import('./commands/plan'),
  fixtures: () => import('./commands/fixtures'),
};

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positional[0];
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: preflight <${Object.keys(COMMANDS).join('|')}> ...\n`);
    return 2;
  }
  try {
    const mod = await load();
    const result = await mod.run({ ...args, positional: args.positional.slice(1) });
    process.stdout.write(JSON.stringify(result, jsonReplacer, 2) + '\n');
    return 0;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    process.stdout.write(JSON.stringify({ error: { name: e.name, message: e.message } }, null, 2) + '\n');
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
