// A counting semaphore: at most `size` holders at once, the rest wait in order.
// The mail sender holds one slot per message from the moment it renews its
// claim until the relay answers, so a message never sits in the SMTP pool's
// own queue while its claim runs out (see send-due-mail.ts).

export class SendSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A waiter takes the slot over directly, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  /** Holders right now (tests). */
  get busy(): number {
    return this.size - this.free;
  }
}
