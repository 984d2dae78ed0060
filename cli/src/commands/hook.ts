import { decideHook, failClosed, isAssistant, recordExposures, ASSISTANTS, MAX_PAYLOAD, type AssistantName, knownSecretsNear } from '../../../core/filter';
import { UsageError, type CliIO } from '../io';

const USAGE = `usage: rotation-guard hook <${ASSISTANTS.join('|')}> [--event NAME] < PAYLOAD`;
/** The assistants' own hook timeouts are 10 s or more (we install 10); answer well before. */
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * `rotation-guard hook <assistant>`: reads the assistant's hook payload on stdin and answers its
 * documented decision (stdout JSON and/or exit code 2). Credentials block the action (or are
 * rewritten out of a tool's input where the assistant honours that); a policy secret's current
 * value is recorded in the ledger as `exposed-to-assistant`. Errors and timeouts block too.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (!name || !isAssistant(name)) throw new UsageError(`${name ? `unknown assistant '${name}'\n` : ''}${USAGE}`);
  let eventFlag: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--event' && rest[i + 1]) eventFlag = rest[++i]!;
    else if (a.startsWith('--managed-by=')) continue;
    else throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
  }
  const timeoutMs = Number(io.env.ROTATION_GUARD_HOOK_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ stdout: string; stderr: string; exitCode: number }>((res) => {
    timer = setTimeout(() => res(failClosed(name, `no decision within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  const answer = await Promise.race([work(name, eventFlag, io), timeout]).catch((err: unknown) => failClosed(name, (err as Error).message ?? String(err)));
  clearTimeout(timer);
  if (answer.stdout) io.stdout(answer.stdout);
  if (answer.stderr) io.stderr(answer.stderr);
  return answer.exitCode;
}

async function work(name: AssistantName, eventFlag: string | undefined, io: CliIO) {
  const raw = await io.readStdin();
  if (raw.length > MAX_PAYLOAD) return failClosed(name, `the payload is larger than ${MAX_PAYLOAD} bytes`);
  const known = knownSecretsNear(io.cwd, io.env);
  const d = decideHook(name, raw, { cwd: io.cwd, ...(known ? { known } : {}), ...(eventFlag ? { eventFlag } : {}) });
  if (d.exposures.length && known) await recordExposures(known.ledgerPath, d.exposures, name, d.verdict?.event ?? 'unknown');
  return d;
}
