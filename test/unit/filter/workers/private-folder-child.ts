import { privateFolder } from '../../../../cli/src/hook/snapshot-paths';

// Run by hook-snapshot-paths.test.ts in a child process with a time limit.
process.stdout.write(`privateFolder ${privateFolder('/proc/rotation-guard-hook-test/rotation-guard/hook-snapshot')}\n`);
