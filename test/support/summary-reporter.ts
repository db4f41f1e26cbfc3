// Prints the plain closing line `Tests: N passed, N failed` that CI reads (vitest's own summary is not in that form).
// A test that did not run because its suite or file failed (a beforeAll that threw: a service down, Chromium
// missing) counts as failed, not skipped: nothing may pass by not running.
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

function underFailure(t: TestCase): boolean {
  for (let p: TestSuite | TestModule | undefined = t.parent; p; p = p.type === 'module' ? undefined : p.parent) {
    if (p.state() === 'failed') return true;
  }
  return false;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let brokenFiles = 0;
    for (const m of testModules) {
      let any = false;
      for (const t of m.children.allTests()) {
        any = true;
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed' || underFailure(t)) failed++;
        else skipped++;
      }
      // A file that failed before any test was collected (an import error) is one failure.
      if (!any && m.state() === 'failed') brokenFiles++;
    }
    failed += brokenFiles;
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
