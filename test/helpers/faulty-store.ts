import { MemoryStore } from '../../core/stores/memory';
import { UnreadableEntryError, type Stage } from '../../core/stores/types';

/**
 * The core in-memory store with failures a test switches on: a write of `current` or `pending`
 * that throws, and stages whose entry reads as corrupt (a write killed half-way) until rewritten.
 */
export class FaultyMemoryStore extends MemoryStore {
  failSetCurrent = false;
  failSetPending = false;
  readonly unreadable = new Set<Stage>();

  override async get(secretId: string, stage: Stage): Promise<string | null> {
    if (this.unreadable.has(stage)) throw new UnreadableEntryError(this.describe(), 'gpg: 1st length byte missing');
    return super.get(secretId, stage);
  }

  override async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    if (this.failSetCurrent && stage === 'current') throw new Error('injected store failure');
    if (this.failSetPending && stage === 'pending') throw new Error('injected store failure');
    this.unreadable.delete(stage);
    return super.set(secretId, stage, value, user);
  }

  override async delete(secretId: string, stage: Stage): Promise<boolean> {
    this.unreadable.delete(stage);
    return super.delete(secretId, stage);
  }
}
