// An outage produces an error per request and per reconnect attempt; one line
// per interval tells the operator without flooding the log.
export class ThrottledLog {
  private lastAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly sink: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes `message` unless a line went out less than `intervalMs` ago; says whether it wrote. */
  log(message: string): boolean {
    const now = this.now();
    if (now - this.lastAt < this.intervalMs) return false;
    this.lastAt = now;
    this.sink(message);
    return true;
  }
}
