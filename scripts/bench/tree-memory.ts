import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak memory of a process and all its descendants, sampled from /proc: the largest sum of their
 * resident sets seen (what the machine must hold at once: Node running Astro plus the Pagefind
 * binary, Hugo, workers), and the largest single process. A sample every `intervalMs` can miss a
 * spike shorter than that; GNU time's "Maximum resident set size" reports only one process.
 */
export interface TreeMemory {
  /** Stops sampling; returns the peaks in bytes. */
  stop(): { sumBytes: number; largestBytes: number; samples: number };
}

const pageSize = 4096;

function residentBytes(pid: number): number {
  try {
    // statm: size resident shared …, in pages.
    const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(resident) ? resident * pageSize : 0;
  } catch {
    return 0; // it exited between the listing and the read
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …; comm may hold spaces or parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The root and every process whose chain of parents reaches it. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

export function sampleTreeMemory(root: number, intervalMs = 150): TreeMemory {
  let sumBytes = 0;
  let largestBytes = 0;
  let samples = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of tree(root)) {
      const bytes = residentBytes(pid);
      sum += bytes;
      largestBytes = Math.max(largestBytes, bytes);
    }
    sumBytes = Math.max(sumBytes, sum);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { sumBytes, largestBytes, samples };
    },
  };
}
