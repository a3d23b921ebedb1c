/**
 * Group commit: items that arrive while earlier writes are still running wait
 * and then go together, in ONE call of `write` (one statement). Nothing waits
 * on a timer: with no write running, an item is written at once, alone. Under
 * load the batches grow by themselves, and a statement's fixed cost (on PGlite
 * several times a small row's) is paid once per batch instead of per item.
 *
 * `write` takes the items and answers one result per item, in order. When a
 * batch fails, its items are written again one by one, so one bad item (a
 * unique violation, say) fails alone and the rest succeed; a failed statement
 * wrote nothing, so nothing is written twice.
 */
export class GroupCommit<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly opts: { maxBatch: number; maxInFlight: number },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running < this.opts.maxInFlight) void this.drain();
    });
  }

  private async drain() {
    this.running++;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.opts.maxBatch);
        try {
          const out = await this.write(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(out[i]));
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else await Promise.all(batch.map((b) => this.write([b.item]).then(([o]) => b.resolve(o), b.reject)));
        }
      }
    } finally {
      this.running--;
    }
  }
}
