import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere.
 * CPU time per request is the figure that stays comparable while other work shares the
 * machine: wall-clock rates drop when the cores are busy with something else, CPU time much less.
 */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/**
 * CPU time of one thread of a process (Linux; the main thread's id is the process id): the HTTP
 * thread's share when the database writer runs in a worker thread (DATABASE_WRITER=thread).
 */
export function threadCpuMs(pid: number, tid = pid): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** One reading of a thread's scheduler counters (/proc/…/schedstat), at a wall-clock time. */
interface ScheduleReading {
  /** Epoch ms, comparable with the load processes' times (performance.timeOrigin + now). */
  at: number;
  onCpuMs: number;
  waitingMs: number;
  /** The machine's idle and total time so far, in clock ticks of all cores (/proc/stat). */
  machineIdle: number;
  machineTotal: number;
}

/** What a thread did with a stretch of wall-clock time: on a core, or runnable but waiting for one. */
export interface ThreadSchedule {
  onCpu: number;
  waitingForCore: number;
  /** The share of all cores' time nobody used, over the same stretch. */
  machineIdle: number;
}

function machineTimes(): { idle: number; total: number } {
  // The first line adds up every core: user nice system idle iowait irq softirq steal …
  const times = readFileSync('/proc/stat', 'utf8').slice(0, 200).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: times[3]! + times[4]!, total: times.reduce((sum, t) => sum + t, 0) };
}

/**
 * Samples a thread's scheduler counters every `everyMs` until stopped (Linux; null elsewhere).
 * CPU time alone hides a saturated thread on a shared machine: a thread that is runnable but waits
 * for a core (the writer, the load processes and V8's helpers take turns on the same two) is as busy
 * for its callers as one computing. The kernel counts both in /proc/<pid>/task/<tid>/schedstat: time on
 * a core and time waiting on a run queue, in ns.
 */
export function sampleThreadSchedule(pid: number, tid = pid, everyMs = 100): { stop(): ScheduleReading[] } | null {
  const read = (): ScheduleReading | null => {
    try {
      const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      const machine = machineTimes();
      return { at: performance.timeOrigin + performance.now(), onCpuMs: onCpu! / 1e6, waitingMs: waiting! / 1e6, machineIdle: machine.idle, machineTotal: machine.total };
    } catch {
      return null;
    }
  };
  const first = read();
  if (!first) return null;
  const readings = [first];
  const timer = setInterval(() => {
    const reading = read();
    if (reading) readings.push(reading);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const last = read();
      if (last) readings.push(last);
      return readings;
    },
  };
}

/** The shares of [from, to] (epoch ms) the thread spent on a core and waiting for one, and the machine's idle share; null if the readings do not cover a second of it. */
export function scheduleDuring(readings: ScheduleReading[], from: number, to: number): ThreadSchedule | null {
  const inside = readings.filter((r) => r.at >= from && r.at <= to);
  const start = inside[0];
  const end = inside[inside.length - 1];
  if (!start || !end || end.at - start.at < 1000) return null;
  const span = end.at - start.at;
  return {
    onCpu: (end.onCpuMs - start.onCpuMs) / span,
    waitingForCore: (end.waitingMs - start.waitingMs) / span,
    machineIdle: (end.machineIdle - start.machineIdle) / (end.machineTotal - start.machineTotal),
  };
}
