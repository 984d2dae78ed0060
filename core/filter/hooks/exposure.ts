import { appendLedgerEntry } from '../../ledger/append';
import type { AssistantName } from './assistants';
import type { Exposure } from './decide';

/**
 * A policy secret's current value shown to (and stopped before) an assistant is still an
 * exposure: it was on the screen, in a file the assistant opened, or typed into its prompt.
 * Recorded as `mark-compromised` with the event `exposed-to-assistant`, which the policy's
 * triggers act on (`enforce` rotates or notifies). Fingerprints only.
 */
export async function recordExposures(ledgerPath: string, exposures: readonly Exposure[], assistant: AssistantName, event: string): Promise<void> {
  for (const e of exposures) {
    await appendLedgerEntry(ledgerPath, {
      secretId: e.secretId,
      step: 'mark-compromised',
      outcome: 'ok',
      event: 'exposed-to-assistant',
      oldFingerprint: e.fingerprint,
      detail: `blocked before ${assistant} (${event}) received it`,
    });
  }
}
