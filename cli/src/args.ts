import { UsageError } from './io';

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
  /** Everything after `--`. */
  rest: string[];
}

export interface ArgSpec {
  flags?: string[];
  options?: string[];
  /** The command's usage: `-h`/`--help` show it, and it follows an unknown option or a missing value. */
  usage?: string;
}

/**
 * The one argument parser of the CLI: `--flag`, `--opt VALUE` / `--opt=VALUE`, `--` ends the
 * options; unknown flags and an option without its value (none, or the next option) are usage
 * errors.
 */
export function parseArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const usage = spec.usage ? `\n${spec.usage}` : '';
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  const known = new Set([...(spec.flags ?? []), ...(spec.options ?? [])]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { positional, flags, options, rest: args.slice(i + 1) };
    if (spec.usage && (a === '-h' || a === '--help')) throw new UsageError(spec.usage);
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.has(name)) throw new UsageError(`unknown option --${name}${usage}`);
    if (spec.options?.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--') && value.length > 2)) throw new UsageError(`--${name} needs a value${usage}`);
      options.set(name, value);
    } else {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    }
  }
  return { positional, flags, options, rest: [] };
}
