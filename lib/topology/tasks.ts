import type { Limiter } from "./limiter";
import type { SourceKind } from "./model";

export interface Task {
  kind: SourceKind | "probe";
  /** The group a node's task belongs to. */
  brokerName?: string;
  call: () => Promise<void>;
}

interface Scheduled extends Task {
  nextAt: number;
  running: boolean;
}

/**
 * A poller's recurring calls: each runs on its own interval (asked of `intervalOf` every time it starts), never
 * overlaps itself, and waits for a slot of the worker-wide limiter. A call that hangs until its deadline delays
 * nothing but its own next run.
 */
export class TaskSchedule {
  private readonly tasks = new Map<string, Scheduled>();

  constructor(
    private readonly limiter: Limiter,
    private readonly intervalOf: (task: Task) => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Adds a task unless one has the key. It first runs within half a second: spread, so a big cluster starts gently. */
  ensure(key: string, task: Task, firstAt = Date.now() + Math.random() * 500) {
    if (!this.tasks.has(key)) this.tasks.set(key, { ...task, nextAt: firstAt, running: false });
  }

  delete(key: string) {
    this.tasks.delete(key);
  }

  /** Drops the recurring tasks whose keys are not in `keys` (their node left the layout); one-off probes stay. */
  retain(keys: Set<string>) {
    for (const [key, task] of this.tasks) if (!keys.has(key) && task.kind !== "probe") this.tasks.delete(key);
  }

  /** Starts every task that is due and not running. */
  runDue(now: number) {
    for (const task of this.tasks.values()) {
      if (task.running || task.nextAt > now) continue;
      task.running = true;
      task.nextAt = now + this.intervalOf(task);
      void this.limiter
        .run(task.call)
        .catch((error) => this.log(`topology task failed unexpectedly: ${error instanceof Error ? error.stack : error}`))
        .finally(() => {
          task.running = false;
        });
    }
  }

  /** These run on the next tick instead of after their interval. */
  hurry(keys: string[]) {
    for (const key of keys) {
      const task = this.tasks.get(key);
      if (task) task.nextAt = 0;
    }
  }

  /** Matching tasks run no later than `at`. */
  bringForward(match: (task: Task) => boolean, at: number) {
    for (const task of this.tasks.values()) if (match(task)) task.nextAt = Math.min(task.nextAt, at);
  }
}
