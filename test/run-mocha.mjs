// Runs one test level's compiled mocha files (out/test/LEVEL/**/*.test.js) and returns its counts.
import Mocha from 'mocha';
import fg from 'fast-glob';

export async function runMochaLevel(level, { timeout = 20000 } = {}) {
  const files = await fg([`out/test/${level}/**/*.test.js`], { absolute: true });
  if (files.length === 0) {
    console.error(`${level}: no test files under out/test/${level}`);
    return { passed: 0, failed: 1, pending: 0 };
  }
  const mocha = new Mocha({ reporter: 'spec', timeout, color: !process.env.CI });
  files.sort().forEach((f) => mocha.addFile(f));
  await mocha.loadFilesAsync();
  return await new Promise((resolve) => {
    // The failing titles travel back to the summary: a CI log keeps only its tail, and a flake
    // that fails once in many runs must be named where that tail shows it.
    const failedTitles = [];
    const runner = mocha.run(() => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      resolve({ passed: s.passes, failed: s.failures, pending: s.pending, failedTitles });
    });
    runner.on('fail', (test, err) => {
      const why = String(err?.message ?? err).split('\n')[0].slice(0, 240);
      failedTitles.push(`${test.fullTitle()} — ${why}`);
    });
  });
}
