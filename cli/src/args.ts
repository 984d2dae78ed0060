import { UsageError } from './io';

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
  /** Everything after `--`. */
  rest: string[];
}

/** A small flag parser: `--flag`, `--opt VALUE` / `--opt=VALUE`; unknown flags are usage errors. */
export function parseArgs(args: string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  const known = new Set([...(spec.flags ?? []), ...(spec.options ?? [])]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { positional, flags, options, rest: args.slice(i + 1) };
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
    if (spec.options?.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    }
  }
  return { positional, flags, options, rest: [] };
}
