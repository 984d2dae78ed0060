import { parentPort } from 'node:worker_threads';
import { scanFile } from './scan-file';
import type { ScanRequest } from './pool';

/**
 * Entry point of a scan worker thread (bundled alone as dist/scan-worker.js, so a worker loads
 * the detection core and nothing else): scans each batch of files it is sent and answers with
 * the results, in order.
 */
const port = parentPort;
if (!port) throw new Error('scan-worker.js runs as a worker thread of `rotation-guard scan`');
port.on('message', (req: ScanRequest) => {
  port.postMessage(req.files.map((f) => scanFile(f, req.maxBytes)));
});
