/**
 * Checks that follow from the standards and the threat models, each citing its rule:
 * NIST SP 800-63B-4 §3.1.1.2, NIST SP 800-57 Part 1 §5.3.6, PCI DSS 4.0 8.6.3 and 3.7.5,
 * OWASP Top 10 for LLM Applications LLM02 / LLM07.
 */
import picomatch from 'picomatch';
import { PolicyCode, shown, type PolicyProblem } from './codes';
import { daysOf, formatDuration, tryParseDuration } from '../model/duration';
import { CRYPTOPERIOD_DAYS, effectiveInterval, threatModelBound } from '../state/intervals';
import { COMPROMISE_EVENTS, type Policy, type PolicySecret } from '../model/schema';
import type { PathSegment, PolicySource } from '../parse/source';

export interface CheckContext {
  policy: Policy;
  source: PolicySource;
  listFiles?: () => string[];
  isPromptFile: (path: string) => boolean;
  /** Whether git ignores a path relative to the policy; undefined: cannot tell. */
  isGitIgnored?: (path: string) => boolean | undefined;
  /** Index of `policy.secrets[i]` in the file (differs when invalid secrets were left out). */
  fileIndex?: (i: number) => number;
}

type Emit = (p: PolicyProblem) => void;

export function checkStandards(ctx: CheckContext, emit: Emit): void {
  ctx.policy.secrets.forEach((secret, i) => checkSecret(ctx, secret, ['secrets', ctx.fileIndex ? ctx.fileIndex(i) : i], emit));
}

function checkSecret(ctx: CheckContext, s: PolicySecret, at: PathSegment[], emit: Emit): void {
  const { source } = ctx;
  const interval = effectiveInterval(s);
  const intervalPath = [...at, interval?.source ?? 'maxAge'];
  const idRange = source.valueRange([...at, 'id']);
  const data = { secretId: s.id };

  if (s.maxAge && s.schedule) {
    emit({ code: PolicyCode.intervalConflict, severity: 'error', range: source.keyRange([...at, 'schedule']), message: `Secret '${shown(s.id)}' has both maxAge and schedule; choose one (AWS and Vault accept only one of them too).`, data });
  }

  const humanPassword = s.owner === 'human' && s.kind === 'password';
  if (humanPassword && interval) {
    emit({
      code: PolicyCode.humanPasswordPeriodicRotation,
      severity: 'warning',
      range: source.valueRange(intervalPath),
      message: `Secret '${shown(s.id)}' is a password a person memorizes: NIST SP 800-63B-4 §3.1.1.2 says not to force periodic changes; change it on evidence of compromise instead (remove ${interval.source}, keep the compromise triggers).`,
      data,
    });
  }
  if (s.owner === 'machine' && !interval) {
    emit({
      code: PolicyCode.machineSecretWithoutInterval,
      severity: 'error',
      range: idRange,
      message: `Machine secret '${shown(s.id)}' has no maxAge or schedule: a secret software uses must rotate on an interval (PCI DSS 4.0 8.6.3, NIST SP 800-57 Part 1 §5.3).`,
      data,
    });
  }

  if (interval && !humanPassword) {
    const tmName = s.threatModel;
    const tm = tmName ? ctx.policy.threatModels?.[tmName] : undefined;
    if (tm) {
      const bound = threatModelBound(tm);
      if (interval.ms > bound.ms) {
        emit({
          code: PolicyCode.intervalExceedsThreatModel,
          severity: 'error',
          range: source.valueRange(intervalPath),
          message: `Secret '${shown(s.id)}' rotates every ${formatDuration(interval.ms)}, longer than threat model '${shown(tmName ?? '')}' allows (${formatDuration(bound.ms)}: ${bound.reason}).`,
          data: { ...data, threatModel: tmName, boundMs: bound.ms, intervalMs: interval.ms },
        });
      }
    }
    const maxDays = CRYPTOPERIOD_DAYS[s.kind];
    if (daysOf(interval.ms) > maxDays) {
      emit({
        code: PolicyCode.cryptoperiodExceeded,
        severity: 'error',
        range: source.valueRange(intervalPath),
        message: `Secret '${shown(s.id)}' (${s.kind}) rotates every ${formatDuration(interval.ms)}, beyond the ${maxDays}-day cryptoperiod NIST SP 800-57 Part 1 §5.3.6 recommends for its kind; PCI DSS 4.0 3.7.5 requires retiring keys at the end of their cryptoperiod.`,
        data: { ...data, maxDays },
      });
    }
  }

  const grace = s.gracePeriod ? tryParseDuration(s.gracePeriod) : undefined;
  if (interval && grace !== undefined && grace >= interval.ms) {
    emit({
      code: PolicyCode.graceNotLessThanInterval,
      severity: 'error',
      range: source.valueRange([...at, 'gracePeriod']),
      message: `Grace period ${s.gracePeriod} of '${shown(s.id)}' is not shorter than its rotation interval (${formatDuration(interval.ms)}): the old value would still be valid when the next rotation starts.`,
      data: { ...data, intervalMs: interval.ms },
    });
  }
  const expiry = s.expiresAfter ? tryParseDuration(s.expiresAfter) : undefined;
  if (interval && expiry !== undefined && expiry <= interval.ms) {
    emit({
      code: PolicyCode.expiryNotAfterInterval,
      severity: 'error',
      range: source.valueRange([...at, 'expiresAfter']),
      message: `Values of '${shown(s.id)}' expire after ${s.expiresAfter}, before the rotation interval (${formatDuration(interval.ms)}) ends: the credential would stop working before it is replaced.`,
      data: { ...data, intervalMs: interval.ms },
    });
  }

  checkCompromiseTrigger(ctx, s, at, emit);
  checkPromptReferences(ctx, s, at, emit);
}

function checkCompromiseTrigger(ctx: CheckContext, s: PolicySecret, at: PathSegment[], emit: Emit): void {
  // A person changes a human-owned secret, so telling them is the response; software must rotate.
  const wanted = s.owner === 'human' ? ['rotate-now', 'notify'] : ['rotate-now'];
  const ok = (s.triggers ?? []).some((t) => COMPROMISE_EVENTS.has(t.on) && wanted.includes(t.action));
  if (ok) return;
  const range = s.triggers ? ctx.source.keyRange([...at, 'triggers']) : ctx.source.valueRange([...at, 'id']);
  emit({
    code: PolicyCode.noCompromiseTrigger,
    severity: 'warning',
    range,
    message: `Secret '${shown(s.id)}' has no ${s.owner === 'human' ? 'compromise trigger' : "compromise trigger with action 'rotate-now'"} (exposed-in-file, exposed-in-git-history, revoked-value-seen or anomaly): PCI DSS 4.0 8.6.3 requires changing credentials on suspicion of compromise.`,
    data: { secretId: s.id },
  });
}

function checkPromptReferences(ctx: CheckContext, s: PolicySecret, at: PathSegment[], emit: Emit): void {
  const globs = s.references?.files ?? [];
  let files: string[] | undefined;
  globs.forEach((glob, j) => {
    let prompt = ctx.isPromptFile(glob) ? glob : undefined;
    if (!prompt && ctx.listFiles) {
      files ??= ctx.listFiles();
      const match = picomatch(glob, { dot: true });
      prompt = files.find((f) => match(f) && ctx.isPromptFile(f));
    }
    if (!prompt) return;
    emit({
      code: PolicyCode.credentialInPromptFile,
      severity: 'error',
      range: ctx.source.valueRange([...at, 'references', 'files', j]),
      message: `Credential '${shown(s.id)}' is referenced from prompt file '${prompt}': anything in a prompt can reach the model, its logs and traces (OWASP LLM02 Sensitive Information Disclosure, LLM07 System Prompt Leakage). Pass the credential to the code that calls the model instead.`,
      data: { secretId: s.id, file: prompt },
    });
  });
}
