// At most `limit` operations per `windowMs`, waiting (not failing) for a free slot: for documented
// limits the CRM enforces without announcing them in headers (Pipedrive: 10 searches per 2 s per token).
import { processShared } from "@/lib/cache/process-shared";

export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.times.length && now - this.times[0]! >= this.windowMs) this.times.shift();
      // Checking and taking happen in one synchronous step, so concurrent callers cannot overbook.
      if (this.times.length < this.limit) {
        this.times.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.windowMs - (now - this.times[0]!) + 1));
    }
  }
}

/** One window per key (a CRM account), shared by every connector instance of the process. */
export function keyedWindows(name: string, windowMs: number) {
  const windows = processShared(`windows:${name}`, () => new Map<string, SlidingWindow>());
  return (key: string, limit: number) => {
    let window = windows.get(`${key}|${limit}`);
    if (!window) windows.set(`${key}|${limit}`, (window = new SlidingWindow(limit, windowMs)));
    return window;
  };
}
