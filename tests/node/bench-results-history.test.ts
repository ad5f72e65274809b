import { describe, expect, it } from 'vitest';
import { withHistory } from '../../bench/lib/report.js';

/** `npm run bench` rewrites bench/RESULTS.md's measured part and keeps the sessions' notes below it. */
describe('the benchmark results file', () => {
  const report = '# Benchmark results\n\nWritten by `npm run bench` today.\n\n## 1. Flash sale\n\n| Figure | Value |\n';

  it('keeps every section from the previous file\'s second top-level heading on, after the new report', () => {
    const previous = '# Benchmark results\n\nWritten yesterday.\n\n## 1. Flash sale\n\nold table\n\n# Issue 20, first session\n\nbefore / after\n\n## What changed\n\ntext\n\n# Issue 20, second session\n\nmore\n';
    const written = withHistory(report, previous);
    expect(written.startsWith(report)).toBe(true);
    expect(written).not.toContain('old table');
    expect(written).not.toContain('Written yesterday');
    expect(written.slice(report.length)).toBe('\n# Issue 20, first session\n\nbefore / after\n\n## What changed\n\ntext\n\n# Issue 20, second session\n\nmore\n');
  });

  it('writes the report alone when there is no file yet or nothing below its measured part', () => {
    expect(withHistory(report, null)).toBe(report);
    expect(withHistory(report, '# Benchmark results\n\n## 1. Flash sale\n\nold\n')).toBe(report);
  });
});
