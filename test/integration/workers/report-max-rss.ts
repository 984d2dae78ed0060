// Preloaded (`node -r`) into a CLI process by a test: writes the process's peak RSS (KiB, from
// getrusage) to $ROTATION_GUARD_TEST_RSS_OUT when it exits, so the test measures the real process.
import { writeFileSync } from 'node:fs';

const out = process.env.ROTATION_GUARD_TEST_RSS_OUT;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
