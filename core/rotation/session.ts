import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keyedFingerprint } from '../values/fingerprint';
import { mask } from '../values/mask';
import { appendLedgerEntry } from '../ledger/append';
import type { LedgerEntry, Outcome, RotationStep } from '../ledger/types';

export interface StepRecord {
  step: RotationStep;
  outcome: Outcome;
  detail?: string;
}

/**
 * One rotation's bookkeeping: every step goes to the ledger (fsynced) before the next one
 * starts, and every text that leaves the engine is scrubbed of the values it handles.
 */
export class RotationSession {
  readonly steps: StepRecord[] = [];
  private readonly secrets = new Set<string>();

  constructor(
    readonly ledgerPath: string,
    readonly secretId: string,
    readonly rotationId: string,
    private readonly fingerprintKey: Uint8Array,
    private readonly providerType: string | undefined,
    readonly log: (line: string) => void,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date,
    private readonly onEntry: (entry: LedgerEntry) => void = () => undefined,
  ) {}

  fingerprint(value: string): string {
    return keyedFingerprint(value, this.fingerprintKey);
  }

  /** Registers a value that must never appear in anything this session writes. */
  guard(value: string | null | undefined): void {
    if (value) this.secrets.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const v of this.secrets) if (v.length >= 4) out = out.split(v).join(mask(v));
    return out;
  }

  async record(step: RotationStep, outcome: Outcome, extra: Partial<Pick<LedgerEntry, 'versionId' | 'newFingerprint' | 'oldFingerprint' | 'detail' | 'user'>> = {}): Promise<LedgerEntry> {
    const detail = extra.detail ? this.scrub(extra.detail) : undefined;
    const entry = await appendLedgerEntry(this.ledgerPath, {
      secretId: this.secretId,
      rotationId: this.rotationId,
      step,
      outcome,
      provider: this.providerType,
      ...extra,
      detail,
      at: this.now().toISOString(),
    });
    if (outcome !== 'started') this.steps.push({ step, outcome, detail });
    this.onEntry(entry);
    this.log(`${this.secretId}: ${step} ${outcome}${detail ? ` — ${detail}` : ''}`);
    return entry;
  }

  /**
   * Test hook for fault injection: ROTATION_GUARD_TEST_PAUSE_AT=<step>[:before|:after] makes the
   * engine write a marker file and block, so a test can SIGKILL it at exactly that point.
   * `before`: the action has not run (its `started` line, if it has one, is on disk); `after` (default):
   * the action ran, its `ok` line is not written yet.
   */
  async pause(step: RotationStep, phase: 'before' | 'after'): Promise<void> {
    const spec = this.env.ROTATION_GUARD_TEST_PAUSE_AT;
    if (!spec) return;
    const [s, p = 'after'] = spec.split(':');
    if (s !== step || p !== phase) return;
    const marker = this.env.ROTATION_GUARD_TEST_PAUSE_MARKER ?? join(dirname(this.ledgerPath), 'pause.marker');
    writeFileSync(marker, `${step}:${phase} ${process.pid}\n`);
    await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
  }

  /** Runs one step: `started` on disk, the action, then `ok`/`skipped` (or `failed`, rethrown). */
  async step<T>(
    step: RotationStep,
    action: () => Promise<T>,
    describe: (result: T) => { outcome?: Outcome; detail?: string; extra?: Partial<Pick<LedgerEntry, 'versionId' | 'newFingerprint' | 'oldFingerprint' | 'user'>> } = () => ({}),
    startedExtra: Partial<Pick<LedgerEntry, 'versionId' | 'newFingerprint' | 'oldFingerprint' | 'user'>> = {},
    /**
     * Write a `started` line first. Needed where recovery must know an action MAY have happened
     * (create, apply, promote, revoke-old, rollback); checks and idempotent store writes skip it.
     */
    journal = true,
  ): Promise<T> {
    if (journal) await this.record(step, 'started', startedExtra);
    await this.pause(step, 'before');
    let result: T;
    try {
      result = await action();
    } catch (err) {
      await this.record(step, 'failed', { ...startedExtra, detail: (err as Error).message ?? String(err) });
      throw err;
    }
    await this.pause(step, 'after');
    const d = describe(result);
    await this.record(step, d.outcome ?? 'ok', { ...startedExtra, ...(d.extra ?? {}), detail: d.detail });
    return result;
  }
}
