import { makeDirs } from '../../../../core/files/make-dirs';

// Run by make-dirs.test.ts in a child process with a time limit.
try {
  makeDirs('/proc/rotation-guard-make-dirs-test/v8-code-cache', 0o700);
  process.stdout.write('returned\n');
} catch (err) {
  process.stdout.write(`threw ${(err as NodeJS.ErrnoException).code}\n`);
}
