import { knownSecretsNear } from './known';
import { RedactionSession, redactText } from './session';
import { redactStructured } from './structured';

/**
 * `redact`'s one entry: a file's (or standard input's) text, by its structure when it is JSON
 * lines or a JSON trace, as text otherwise; known policy values (by keyed fingerprint) count too.
 */
export function redactFile(text: string, path: string, cwd: string, env: NodeJS.ProcessEnv): { text: string; count: number } {
  const near = knownSecretsNear(cwd, env);
  const session = new RedactionSession({ path, ...(near ? { knownSecrets: near.known } : {}) });
  const structured = redactStructured(text, path, session);
  if (structured) return structured;
  const r = redactText(text, session);
  return { text: r.text, count: r.spans.length };
}
