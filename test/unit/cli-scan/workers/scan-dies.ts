// Worker for worker-pool.test.ts: a scan worker that dies on its first task, as one past its heap
// limit would.
import { serveTasks } from '../../../../core/files';

serveTasks<unknown, never, never>(() => process.exit(9));
