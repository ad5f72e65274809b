/** A Chrome trace event, as much of it as the seat-map measurements read. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

/**
 * CPU time of the page's renderer main thread between two performance marks: the thread time
 * (tdur) of its top-level tasks, pro rata where a task straddles a mark. NaN when a mark or the
 * thread is missing from the trace.
 */
export function mainThreadCpuMs(events: TraceEvent[], fromMark: string, toMark: string): number {
  const from = events.find((e) => e.name === fromMark);
  const to = events.find((e) => e.name === toMark);
  const main = from && events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === from.pid && e.args?.name === 'CrRendererMain');
  if (!from || !to || !main) return Number.NaN;
  let us = 0;
  for (const e of events) {
    if (e.tid !== main.tid || e.pid !== main.pid || e.ph !== 'X' || e.cat !== 'toplevel' || !e.dur || e.tdur === undefined) continue;
    const overlap = Math.min(e.ts + e.dur, to.ts) - Math.max(e.ts, from.ts);
    if (overlap > 0) us += (e.tdur * overlap) / e.dur;
  }
  return us / 1000;
}
