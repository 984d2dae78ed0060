// Worker for scan-worker-resident.test.ts: a task is a word. `thread` answers the worker's
// threadId; `check` answers whether the task sees itself cancelled, and where; `wait` reports an item and answers once the pool cancels it; `exit` ends the thread
// mid-task; `exit-after` answers, then ends the thread while it sits idle.
import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../../../core/files';

serveTasks<string, string, string>(async (task, ctx) => {
  if (task === 'thread') return String(threadId);
  if (task === 'check') return `${ctx.cancelled() ? 'cancelled' : 'running'}:${threadId}`;
  if (task === 'wait') {
    ctx.emit('waiting');
    while (!ctx.cancelled()) await new Promise<void>((r) => setImmediate(r));
    return `cancelled:${threadId}`;
  }
  if (task === 'exit') process.exit(7);
  if (task === 'exit-after') {
    setTimeout(() => process.exit(3), 50);
    return String(threadId);
  }
  return `unknown task ${task}`;
});
