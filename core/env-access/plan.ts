import { baseName, formatOf, type EnvAccessPlan } from '../files/file-formats';

/**
 * The env-access syntax each file format uses to pull a value from the environment, so the quick
 * fix replaces a hardcoded secret with something the file's own tool understands. The syntax per
 * format is a column of the file-format table (file-formats.ts).
 */
export type { EnvAccessPlan } from '../files/file-formats';

/** True for files whose whole purpose is to hold env values (they have no env-access syntax). */
export function isEnvFile(path: string): boolean {
  return formatOf(path).kind === 'env';
}

/**
 * @param textAround a few lines around the value; decides between YAML dialects (LiteLLM,
 *   Continue, GitHub Actions, docker-compose) that share an extension.
 */
export function envAccessFor(path: string, envVar: string, textAround = ''): EnvAccessPlan | undefined {
  const envAccess = formatOf(path).envAccess;
  return envAccess?.(envVar, { norm: path.replace(/\\/g, '/'), base: baseName(path), textAround });
}

/** Widens [start, end) over matching quotes right around the value, when the plan asks for it. */
export function replacementRange(text: string, start: number, end: number, plan: EnvAccessPlan): [number, number] {
  if (!plan.includeQuotes) return [start, end];
  const before = text[start - 1];
  const after = text[end];
  if ((before === '"' || before === "'" || before === '`') && after === before) return [start - 1, end + 1];
  return [start, end];
}
