/** What a scenario reports and how the runner aggregates it. */

export interface Goal {
  op: '>=' | '<=' | '==';
  value: number;
}

export interface Figure {
  /** Stable key, e.g. "flash.acceptedPerMinute"; the same key across runs is aggregated. */
  key: string;
  label: string;
  value: number;
  unit?: string;
  goal?: Goal;
  /**
   * median (default): the median over runs. invariant: a correctness count that must meet its
   * goal in every run; the worst run is reported. once: measured once (deterministic).
   */
  aggregate?: 'median' | 'invariant' | 'once';
  digits?: number;
}

export interface ScenarioOptions {
  quick: boolean;
  /** Run index, 0-based. */
  run: number;
  /** Where a scenario may leave artefacts (e.g. CPU profiles) for the runner; removed at the end. */
  workDir: string;
}

export interface Scenario {
  id: string;
  /** The number in the issue (1–8) and a title, for the table. */
  title: string;
  /** Runs once, not --runs times (deterministic figures such as bundle sizes). */
  once?: boolean;
  /** Returns null when the scenario cannot run here (with the reason), e.g. no Chromium. */
  skipReason?: () => string | null | Promise<string | null>;
  run: (options: ScenarioOptions) => Promise<Figure[]>;
  /** Free-text notes shown under the scenario in RESULTS.md (method, what is compared). */
  notes?: string[];
}

/** Figures computed from the medians of other scenarios' figures (e.g. a ratio). */
export interface Derived {
  key: string;
  label: string;
  inputs: string[];
  compute: (medians: Record<string, number>) => number;
  unit?: string;
  goal?: Goal;
  digits?: number;
}

export function meets(goal: Goal, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return goal.op === '>=' ? value >= goal.value : goal.op === '<=' ? value <= goal.value : value === goal.value;
}
