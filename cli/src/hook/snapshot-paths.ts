/** Node's own exit code for a snapshot it refuses (another Node version, architecture or V8 flags); snapshot-main.ts uses it for a bundle that changed since the blob was built. */
export const SNAPSHOT_REFUSED_EXIT = 14;
