import { performance } from 'node:perf_hooks';

/**
 * Where one request's time went inside the proxy: milliseconds from the moment its headers were
 * parsed (the request handler ran) to each step. Taken only when ProxyOptions.onTiming is set
 * (`rotation-guard proxy` sets it when ROTATION_GUARD_PROXY_TIMING names a file), so a proxy
 * that is not being measured reads no clock. Carries sizes and times only, never a header or body.
 */
export interface RequestTiming {
  /** When the request started, ms on the process's performance clock (to line up with GC entries). */
  at: number;
  /** CPU time the whole process used while the request was in flight, ms (user + system). */
  cpu: number;
  /** Request body read to its end. */
  read: number;
  /** Request body scanned (and rewritten when something was masked). */
  scanned: number;
  /** Upstream socket assigned; `reused` when it was a kept-alive one (no connect). */
  socket: number;
  reused: boolean;
  /** Upstream response headers in. */
  firstByte: number;
  /** Upstream response body in (for a stream: its last event). */
  upstreamEnd: number;
  /** Response body scanned (for a stream: the scan time of all its events, summed). */
  responseScan: number;
  /** Response handed to the kernel in full. */
  finished: number;
  stream: boolean;
  bytesIn: number;
  bytesOut: number;
}

/** The clock marks of one request, reported once its response is finished. */
export class RequestClock {
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  readonly t: RequestTiming = { at: this.t0, cpu: 0, read: 0, scanned: 0, socket: 0, reused: false, firstByte: 0, upstreamEnd: 0, responseScan: 0, finished: 0, stream: false, bytesIn: 0, bytesOut: 0 };

  constructor(private readonly report: (t: RequestTiming) => void) {}

  now(): number {
    return performance.now() - this.t0;
  }

  mark(step: 'read' | 'scanned' | 'socket' | 'firstByte' | 'upstreamEnd'): void {
    this.t[step] = this.now();
  }

  /** Adds the time since `since` (a `now()` reading) to the response's scan time. */
  scanSince(since: number): void {
    this.t.responseScan += this.now() - since;
  }

  finish(): void {
    this.t.finished = this.now();
    const c = process.cpuUsage(this.cpu0);
    this.t.cpu = (c.user + c.system) / 1000;
    this.report(this.t);
  }
}
