import { serveTasks } from '../../../core/files';
import { scanFile, type FileResult } from './scan-file';
import type { ScanTask } from './pool';

/**
 * Entry point of a scan worker thread (bundled alone as dist/scan-worker.js, so a worker loads
 * the detection core and nothing else): scans the files of each task it is given, one result per file.
 */
serveTasks<ScanTask, never, FileResult[]>((t) => t.files.map((f) => scanFile(f, t.maxBytes)));
