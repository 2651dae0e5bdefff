import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/**
 * CPU seconds used so far by each kind of thread of this process, by thread name (`MainThread`,
 * `WorkerThread` for worker_threads, `V8Worker` for the garbage collector's helpers, `libuv-worker`),
 * from /proc/self/task. Empty where /proc is missing. process.cpuUsage() adds all threads up, which
 * hides whether the main thread alone is the limit.
 */
export function threadCpuSeconds(): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return byName;
  }
  for (const task of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
    byName.set(name, (byName.get(name) ?? 0) + seconds);
  }
  return byName;
}

/** CPU seconds per thread name used between two readings. */
export function threadCpuSince(before: Map<string, number>): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, seconds] of threadCpuSeconds()) used.set(name, seconds - (before.get(name) ?? 0));
  return used;
}
