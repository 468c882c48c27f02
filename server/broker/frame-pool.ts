// Reused buffers for request frames that arrive in several socket reads. Joining the pieces
// into fresh memory each time cost more than the copy itself: on this machine (a VM whose
// freed memory goes back to the host) a new megabyte faults page by page, and the garbage
// collector is pushed into major collections by the external memory churned through. A frame
// is copied into a pooled buffer instead, and the buffer comes back once the request is done
// with it — only for requests whose handler keeps nothing of the frame (Produce: the batches
// are written before it returns); any other frame's buffer is simply left to the collector.
// Bounded: at most `maxPooledBytes` wait in the pool (the broker's --frame-pool-bytes, 64 MiB;
// 0 keeps none); frames larger than `maxFrame` are not pooled.

/** Size classes: powers of two from 64 KiB. */
const MIN_CLASS = 16;

export class FramePool {
  private readonly free = new Map<number, Buffer[]>();
  private pooledBytes = 0;

  constructor(
    readonly maxPooledBytes = 64 << 20,
    readonly maxFrame = 16 << 20,
  ) {}

  private static classOf(size: number): number {
    return Math.max(MIN_CLASS, Math.ceil(Math.log2(size)));
  }

  /** A buffer of exactly `size` bytes (a view on a pooled one when size fits a class). */
  take(size: number): Buffer {
    if (size > this.maxFrame) return Buffer.allocUnsafe(size);
    const cls = FramePool.classOf(size);
    const list = this.free.get(cls);
    const whole = list?.pop();
    if (whole) {
      this.pooledBytes -= whole.length;
      return whole.subarray(0, size);
    }
    return Buffer.allocUnsafeSlow(2 ** cls).subarray(0, size);
  }

  /** Gives back a buffer from take() that nothing refers to any more. */
  give(frame: Buffer): void {
    const whole = Buffer.from(frame.buffer, 0, frame.buffer.byteLength);
    const cls = Math.log2(whole.length);
    if (frame.byteOffset !== 0 || !Number.isInteger(cls) || cls < MIN_CLASS || cls > FramePool.classOf(this.maxFrame)) return; // not one of ours
    if (this.pooledBytes + whole.length > this.maxPooledBytes) return;
    let list = this.free.get(cls);
    if (!list) this.free.set(cls, (list = []));
    list.push(whole);
    this.pooledBytes += whole.length;
  }

  get size(): number {
    return this.pooledBytes;
  }
}
