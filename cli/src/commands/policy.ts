import {
  EXPORT_PLATFORMS,
  ExportError,
  displayPath,
  exportRotation,
  findSecret,
  loadPolicyFile,
  type ExportPlatform,
} from '../../../core/policy';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { parseNowOption, policyPathOption } from '../policy-options';

const USAGE = 'usage: policy export --to aws|azure|vault|gcp [--policy FILE] [--now ISO-8601] SECRET_ID';

/**
 * `policy export`: a secret's rotation rules in the target platform's own JSON (AWS
 * RotationRules, Azure Key Vault rotationPolicy, Vault static role, GCP rotation). A rule the
 * platform cannot express (its limits) is an error on stderr with exit 1.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new UsageError(USAGE);
  const a = parseArgs(rest, { options: ['to', 'policy', 'now'] });
  const to = a.options.get('to');
  if (!to || !(EXPORT_PLATFORMS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${EXPORT_PLATFORMS.join(', ')}\n${USAGE}`);
  if (a.positional.length !== 1) throw new UsageError(USAGE);
  const id = a.positional[0]!;
  const now = parseNowOption(a.options.get('now'));
  const path = policyPathOption(io.cwd, a.options.get('policy'));
  let loaded;
  try {
    loaded = loadPolicyFile(path, { now, listFiles: false });
  } catch (err) {
    throw new Error(`cannot read ${displayPath(path, io.cwd)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const file = displayPath(path, io.cwd);
  if (!loaded.policy) {
    const errors = loaded.problems.filter((p) => p.severity === 'error').slice(0, 5);
    io.stderr(`rotation-guard policy: ${file} is not a valid policy:\n${errors.map((p) => `  ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.code}: ${p.message}`).join('\n')}\n`);
    return 1;
  }
  const secret = findSecret(loaded.policy, id);
  if (!secret) throw new UsageError(`no secret '${id}' in ${file} (known: ${loaded.policy.secrets.map((s) => s.id).join(', ')})`);
  const state = loaded.analysis.secrets.find((s) => s.id === id);
  // GCP refuses a next rotation less than 5 minutes ahead; an hour leaves time to apply the export.
  const earliest = now.getTime() + 60 * 60_000;
  const due = state?.dueAt ? Math.max(Date.parse(state.dueAt), earliest) : earliest;
  try {
    const out = exportRotation(loaded.policy, secret, to as ExportPlatform, new Date(due));
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    io.stderr(`rotation-guard policy: ${err.message}\n`);
    return 1;
  }
}
