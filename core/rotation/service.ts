import { readFileSync } from 'node:fs';
import { readLedger } from '../ledger/read';
import { trustedPolicyLedger } from '../ledger/trusted';
import { ROTATION_LOOP_STEPS, type LedgerEntry, type Outcome, type RotationStep } from '../ledger/types';
import { planOnly, prepareRotation, RotationBusyError, rotateLocked, withRotationLock, type NextAction, type RotateOptions, type RotationResult, type RotationStatus } from './engine';
import { resolvePlan, type RotationPlan } from './plan';
import { providerDefinition } from './providers';
import type { PromptRequest } from './providers/types';
import { openRotations, type OpenRotation } from './recovery';
import { describeTrust } from './trust-record';
import { assertTrusted, confirmPolicy, policyContentHash, trustToConfirm, UntrustedPolicyError, type RotationTrust } from './trust';

/**
 * rotate: finish what is pending, then a new rotation. resume / rollback: only the open one.
 * dry-run: what would happen (nothing written). finish-pending: only what is pending, nothing new.
 */
export type RotateMode = 'rotate' | 'resume' | 'rollback' | 'dry-run' | 'finish-pending';

/** Which secret, how, and with what the shell already holds (its stores, its word on trust). */
export type RotateTarget = Omit<RotateOptions, 'log' | 'onEntry' | 'prompt' | 'dryRun' | 'resume' | 'rollback'> & {
  mode: RotateMode;
  /** rotate: wait out a running grace period (and, up to 2 minutes, another process's lock) instead of answering. */
  wait?: boolean;
  /** Ask the host to confirm the policy even when a confirmation is on record (`rotate --trust`). */
  reconfirm?: boolean;
};

/** What a confirmation of the policy covers, for the host to show before it answers. */
export interface TrustQuestion {
  policyPath: string;
  /** Why this rotation needs a confirmed policy (empty when the host asked to confirm anyway). */
  reasons: string[];
  /** Why the confirmation on record does not cover the policy as it is now. */
  problem?: string;
  /** Every command, file (with its hash) and host the confirmation covers, one per line. */
  lines: string[];
}

export type RotationEvent =
  /** index is 1-based in ROTATION_LOOP_STEPS; a rollback ends the run, so it is step total of total. */
  | { kind: 'step-started' | 'step-finished'; step: RotationStep; outcome: Outcome; detail?: string; index: number; total: number }
  | { kind: 'waiting'; message: string; until?: string }
  | ({ kind: 'needs-confirmation' } & TrustQuestion)
  | { kind: 'log'; message: string }
  | { kind: 'outcome'; outcome: RotationOutcome };

/** What the shell supplies: how to ask a person, and where the events go. */
export interface RotationHost {
  /** A new value made by hand (manual and half-automatic providers). */
  prompt?: (request: PromptRequest) => Promise<string>;
  /** Asked before anything runs when the policy needs a (new) confirmation; true: confirmed. */
  confirmTrust?: (question: TrustQuestion) => Promise<boolean>;
  event?: (event: RotationEvent) => void;
  /**
   * The shell cannot ask during a run (LSP has no input request): a by-hand rotation with nothing
   * pending answers `needs-value` before anything starts, and the shell calls again with a prompt.
   */
  valueLater?: boolean;
}

/** finish-pending: nothing-pending | finished | rolled-back | grace-running | busy | failed. */
export type OutcomeCode = RotationStatus | 'nothing-pending' | 'finished' | 'grace-running' | 'busy' | 'needs-value' | 'not-confirmed' | 'untrusted-workspace';

export interface RotationOutcome {
  secretId: string;
  code: OutcomeCode;
  /** Fits any shell: what happened, without one shell's syntax (`next` says what to do). */
  message: string;
  next?: NextAction;
  /** The engine's result when it ran (steps, fingerprints, the dry run's plan). */
  result?: RotationResult;
  /** The open rotation had been promoted and only waited for its grace period. */
  wasAwaitingRevoke?: boolean;
  /** grace-running: when the old value may be revoked and the next rotation start. */
  revokeDueAt?: string;
  /** needs-value: where the new key is made, and what to do there. */
  url?: string;
  instructions?: string;
}

/** What the service reads; a test passes counting wrappers (the plan resolved once, the ledger read once). */
export const SERVICE_READERS = { resolvePlan, readLedger };

const TOTAL = ROTATION_LOOP_STEPS.length;
const BUSY_WAIT_MS = 120000;

/**
 * The one way every shell rotates. The plan is resolved and the ledger read once (under the
 * secret's lock, per attempt); the host confirms trust before anything runs; what is pending
 * (an interrupted rotation, an expired grace period) is finished before a new rotation starts.
 * Refusals (untrusted policy, unknown secret, unreachable store) throw as the engine's do.
 */
export async function rotate(t: RotateTarget, host: RotationHost = {}, read = SERVICE_READERS): Promise<RotationOutcome> {
  const emit = host.event ?? (() => undefined);
  const id = t.secretId;
  const end = (o: RotationOutcome) => (emit({ kind: 'outcome', outcome: o }), o);
  const plan = read.resolvePlan(t.policy, id, { policyPath: t.policyPath, env: t.env, ...(t.allowedPaths ? { allowedPaths: t.allowedPaths } : {}) });
  if (t.mode === 'finish-pending' && !plan.provider) return end({ secretId: id, code: 'nothing-pending', message: `no rotation of "${id}" is pending` });
  const text = t.policyText ?? readFileSync(t.policyPath, 'utf8');
  const trust = await settleTrust(t, host, plan, text, emit);
  if (trust === 'untrusted-workspace') return end({ secretId: id, code: trust, next: 'trust-workspace', message: `refusing to rotate: ${plan.trustReasons.join('; ')}, and the workspace is not trusted; nothing was run or changed` });
  if (!trust) return end({ secretId: id, code: 'not-confirmed', message: 'the policy was not confirmed; nothing was recorded or run', next: 'confirm' });
  let written: LedgerEntry[] = [];
  const o: RotateOptions = {
    ...t,
    policyText: text,
    trust,
    dryRun: t.mode === 'dry-run',
    resume: t.mode === 'resume',
    rollback: t.mode === 'rollback',
    prompt: host.prompt,
    log: (message) => emit({ kind: 'log', message }),
    onEntry: (e) => {
      written.push(e);
      const index = e.step === 'rollback' ? TOTAL : ROTATION_LOOP_STEPS.indexOf(e.step as (typeof ROTATION_LOOP_STEPS)[number]) + 1;
      emit({ kind: e.outcome === 'started' ? 'step-started' : 'step-finished', step: e.step, outcome: e.outcome, detail: e.detail, index, total: TOTAL });
    },
  };
  const p = prepareRotation(o, plan);
  // What the engine decides from (an open rotation, the active user) rests on trusted entries only.
  const ledger = () => trustedPolicyLedger(t.policyPath, { writers: t.policy.ledger?.writers ?? null, entries: read.readLedger(p.ledgerPath).entries }).entries;
  if (o.dryRun) return end(fromResult(planOnly(o, p, ledger())));
  const now = () => (t.now ?? (() => new Date()))().getTime();
  const busyDeadline = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    let out: RotationOutcome;
    try {
      out = await withRotationLock(t.policyPath, id, async () => {
        const entries = ledger();
        if (o.resume || o.rollback) return fromResult(await rotateLocked(o, p, entries));
        const open = openRotations(entries).find((r) => r.secretId === id);
        if (!open) {
          if (t.mode === 'finish-pending') return { secretId: id, code: 'nothing-pending', message: `no rotation of "${id}" is pending` };
          const ask = valueFirst(host, plan, id);
          if (ask) return ask;
          return fromResult(await rotateLocked(o, p, entries));
        }
        written = [];
        const pending = await finishOpen(o, p, entries, open, now());
        if (t.mode === 'finish-pending' || pending.code === 'grace-running' || pending.code === 'failed') return pending;
        if (pending.code === 'finished' && !pending.wasAwaitingRevoke) return fromResult({ ...pending.result!, message: `${pending.message}: ${pending.result!.message}` });
        emit({ kind: 'log', message: `${id}: ${pending.message}` });
        // What the finished run appended is the rest of the ledger: no second read.
        return fromResult(await rotateLocked({ ...o, resume: false }, p, [...entries, ...written]));
      });
    } catch (err) {
      if (!(err instanceof RotationBusyError)) throw err;
      out = { secretId: id, code: 'busy', message: err.message, next: 'wait' };
    }
    const waitable = t.wait && t.mode === 'rotate' && ((out.code === 'busy' && Date.now() < busyDeadline) || out.code === 'grace-running');
    if (!waitable) return end(out);
    emit({ kind: 'waiting', message: out.message, until: out.revokeDueAt });
    const ms = out.code === 'busy' ? 100 : Math.max(Date.parse(out.revokeDueAt!) - now(), 0) + 5;
    await new Promise((r) => setTimeout(r, ms));
  }
}

function fromResult(r: RotationResult): RotationOutcome {
  return { secretId: r.secretId, code: r.status, message: r.message, result: r, ...(r.next ? { next: r.next } : {}) };
}

/**
 * The open rotation: promoted with its grace period running → grace-running (nothing changes);
 * else continued (or rolled back when it cannot go forward, the engine's resume rules).
 */
async function finishOpen(o: RotateOptions, p: ReturnType<typeof prepareRotation>, entries: LedgerEntry[], open: OpenRotation, now: number): Promise<RotationOutcome> {
  const secretId = o.secretId;
  const wasAwaitingRevoke = !!open.promotedAt;
  if (open.promotedAt && now < Date.parse(open.promotedAt) + p.plan.graceMs) {
    const revokeDueAt = new Date(Date.parse(open.promotedAt) + p.plan.graceMs).toISOString();
    return { secretId, code: 'grace-running', wasAwaitingRevoke, revokeDueAt, next: 'wait', message: `"${secretId}" was promoted at ${open.promotedAt}; its old value stays valid until ${revokeDueAt} (grace period), the next rotation can start then` };
  }
  const result = await rotateLocked({ ...o, resume: true }, p, entries);
  const what = wasAwaitingRevoke ? 'the grace period had expired: revocation of the old value' : `interrupted rotation ${open.rotationId} (last step ${open.lastStep} ${open.lastOutcome})`;
  const base = { secretId, wasAwaitingRevoke, result, ...(result.next ? { next: result.next } : {}) };
  switch (result.status) {
    case 'rotated':
      return { ...base, code: 'finished', message: `finished ${what}` };
    case 'rolled-back':
      return { ...base, code: 'rolled-back', message: `rolled back ${what}: ${result.message}` };
    case 'awaiting-revoke':
      return { ...base, code: 'grace-running', wasAwaitingRevoke: true, message: result.message, next: 'wait' };
    default:
      return { ...base, code: 'failed', message: `could not finish ${what}: ${result.message}` };
  }
}

/** A by-hand provider and a host that asks between calls: needs-value before any lock or ledger line. */
function valueFirst(host: RotationHost, plan: RotationPlan, secretId: string): RotationOutcome | undefined {
  const asks = providerDefinition(plan.providerSpec?.type ?? '')?.traits.asksForValue;
  if (!host.valueLater || host.prompt || !asks || !plan.providerSpec) return undefined;
  const url = typeof plan.providerSpec.url === 'string' ? plan.providerSpec.url : asks.defaultUrl;
  const instructions = typeof plan.providerSpec.instructions === 'string' ? plan.providerSpec.instructions : undefined;
  return { secretId, code: 'needs-value', next: 'provide-value', url, instructions, message: `'${secretId}' is rotated by hand: create a new key${url ? ` at ${url}` : ''}, then give it to Rotation Guard` };
}

/**
 * The host is asked when the policy needs a confirmation the record does not give (or when it
 * asked to confirm anyway), with exactly what the confirmation covers; a host that can ask hears
 * about an untrusted workspace as an outcome. Without such a host the engine refuses as before
 * (UntrustedPolicyError). undefined: the host declined.
 */
async function settleTrust(t: RotateTarget, host: RotationHost, plan: RotationPlan, text: string, emit: (e: RotationEvent) => void): Promise<RotationTrust | 'untrusted-workspace' | undefined> {
  if (!host.confirmTrust) return t.trust;
  if (!t.trust.workspaceTrusted) return plan.trustReasons.length && t.mode !== 'dry-run' ? 'untrusted-workspace' : t.trust;
  const env = t.env ?? process.env;
  let problem: string | undefined;
  try {
    assertTrusted(plan.trustReasons, t.trust, policyContentHash(text), t.policyPath, env);
  } catch (err) {
    if (!(err instanceof UntrustedPolicyError)) throw err;
    problem = err.message;
  }
  if (!problem && !t.reconfirm) return t.trust;
  const record = trustToConfirm(t.policy, t.policyPath, text, env);
  const question: TrustQuestion = { policyPath: t.policyPath, reasons: plan.trustReasons, problem, lines: describeTrust(record, t.policyPath) };
  emit({ kind: 'needs-confirmation', ...question });
  if (!(await host.confirmTrust(question))) return undefined;
  if (t.mode !== 'dry-run') confirmPolicy(t.policyPath, record, env);
  return { workspaceTrusted: true, confirmation: record };
}
