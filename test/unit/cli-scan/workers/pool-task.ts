// Worker for worker-pool.test.ts: a task is a word saying what to do. `echo:X` answers X with two
// items before; `wait` reports an item and answers once the pool cancels it; `throw` fails its
// task; `exit` ends the worker thread with code 7 mid-task; `oom` fills the heap past the pool's limit.
import { serveTasks } from '../../../../core/files';

serveTasks<string, string, string>(async (task, ctx) => {
  if (task.startsWith('echo:')) {
    ctx.emit(`${task}:1`);
    ctx.emit(`${task}:2`);
    return task.slice('echo:'.length);
  }
  if (task === 'wait') {
    ctx.emit('waiting');
    while (!ctx.cancelled()) await new Promise<void>((r) => setImmediate(r));
    return 'cancelled';
  }
  if (task === 'throw') throw new Error('task failed on purpose');
  if (task === 'exit') process.exit(7);
  if (task === 'oom') {
    const hold: string[][] = [];
    for (;;) hold.push(Array.from({ length: 1e5 }, (_, i) => `${i}-${hold.length}`));
  }
  return `unknown task ${task}`;
});
