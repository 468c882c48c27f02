// readFetched, the one walk over a Fetch answer's record batches (browse, tail, commit
// log, time lag), on real magic-2 batches built by encodeRecordBatch at chosen base
// offsets, and a control batch (a transaction marker) built the way a broker writes one:
// the control attribute bit set and the CRC computed over it. What is guarded: records
// before the asked offset are skipped (a batch may start before it); a control batch is
// never handed out but the next offset moves past it (else a reader would fetch it again
// forever); `each` returning false stops before that record and `next` is that record's
// offset (it was not read); a truncated trailing batch does not move `next`.
import { describe, expect, it } from 'vitest';
import { ATTR_CONTROL, batchCrcValid, computeBatchCrc, encodeRecordBatch, OFF, type Record as KafkaRecord } from '../../protocol/record-batch';
import { readFetched } from './fetched-records';

/** A data batch of `count` records from `baseOffset`, valued "v<offset>". */
function data(baseOffset: number, count: number, opts: { logAppendTime?: boolean } = {}): Promise<Buffer> {
  return encodeRecordBatch(
    Array.from({ length: count }, (_, i) => ({ key: `k${baseOffset + i}`, value: `v${baseOffset + i}`, timestamp: 1_000 + baseOffset + i })),
    { baseOffset, ...opts },
  );
}

/** A control batch (one commit marker record) at `offset`: attribute 0x20 set, CRC recomputed. */
async function control(offset: number): Promise<Buffer> {
  // control record key: version 0, type 1 (COMMIT); value: version 0, coordinator epoch 0
  const key = Buffer.from([0, 0, 0, 1]);
  const value = Buffer.from([0, 0, 0, 0, 0, 0]);
  const batch = await encodeRecordBatch([{ key, value }], { baseOffset: offset, producerId: 42, producerEpoch: 0 });
  batch.writeInt16BE(batch.readInt16BE(OFF.attributes) | ATTR_CONTROL, OFF.attributes);
  batch.writeUInt32BE(computeBatchCrc(batch), OFF.crc);
  expect(batchCrcValid(batch)).toBe(true);
  return batch;
}

async function walk(records: Buffer[] | null, from: number, stopAt?: number) {
  const seen: { offset: number; value: string | null; logAppend: boolean }[] = [];
  const res = await readFetched(records, from, (r: KafkaRecord, logAppend) => {
    if (r.offset === stopAt) return false;
    seen.push({ offset: r.offset, value: r.value?.toString() ?? null, logAppend });
  });
  return { ...res, offsets: seen.map((s) => s.offset), seen };
}

describe('readFetched', () => {
  // Guards: the base offset written into the batches is what the records carry.
  it('reads every record of consecutive batches; next is past the last', async () => {
    const r = await walk([await data(0, 3), await data(3, 2)], 0);
    expect(r.offsets).toEqual([0, 1, 2, 3, 4]);
    expect(r.seen.map((s) => s.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect(r).toMatchObject({ next: 5, stopped: false, batches: 2 });
  });

  // Guards: a Fetch answers from the batch containing the asked offset: the records of that
  // batch before it were read already and must not be handed out again; a batch wholly
  // before it is not counted.
  it('skips records before `from`, in a batch that starts before it and in batches wholly before it', async () => {
    const batches = [await data(0, 3), await data(3, 3), await data(6, 3)];
    const mid = await walk(batches, 4);
    expect(mid.offsets).toEqual([4, 5, 6, 7, 8]);
    expect(mid).toMatchObject({ next: 9, stopped: false, batches: 2 });

    const end = await walk(batches, 9); // all before `from`: nothing read, next unchanged
    expect(end.offsets).toEqual([]);
    expect(end).toMatchObject({ next: 9, stopped: false, batches: 0 });
  });

  // Guards: control batches (transaction markers) are never handed out as messages, yet
  // `next` moves past them — between data batches and when one ends the answer (a reader
  // that stayed at the marker's offset would fetch it again forever).
  it('skips a control batch but advances next past it', async () => {
    const between = await walk([await data(0, 2), await control(2), await data(3, 2)], 0);
    expect(between.offsets).toEqual([0, 1, 3, 4]);
    expect(between.seen.map((s) => s.value)).toEqual(['v0', 'v1', 'v3', 'v4']);
    expect(between).toMatchObject({ next: 5, stopped: false });

    const last = await walk([await data(0, 2), await control(2)], 0);
    expect(last.offsets).toEqual([0, 1]);
    expect(last.next).toBe(3);

    const only = await walk([await control(7)], 7);
    expect(only.offsets).toEqual([]);
    expect(only).toMatchObject({ next: 8, stopped: false, batches: 1 });
  });

  // Guards: `each` returning false stops the walk before that record, which is not counted
  // as read: next is its offset (the caller resumes there), stopped is true, and nothing
  // after it is handed out — also when `each` answers asynchronously.
  it('each returning false stops before that record; next is its offset', async () => {
    const batches = [await data(0, 3), await control(3), await data(4, 3)];
    const r = await walk(batches, 1, 5);
    expect(r.offsets).toEqual([1, 2, 4]);
    expect(r).toMatchObject({ next: 5, stopped: true });

    const seen: number[] = [];
    const async = await readFetched(batches, 0, async (rec) => {
      await new Promise((res) => setImmediate(res));
      if (rec.offset === 1) return false;
      seen.push(rec.offset);
    });
    expect(seen).toEqual([0]);
    expect(async).toMatchObject({ next: 1, stopped: true });

    // stopping at the first record of a batch after a control batch
    const atBatchStart = await walk(batches, 0, 4);
    expect(atBatchStart.offsets).toEqual([0, 1, 2]);
    expect(atBatchStart).toMatchObject({ next: 4, stopped: true });
  });

  // Guards: a Fetch answer may end in a partial batch (cut at max bytes); it is dropped, so
  // next stays at the end of the last whole batch and the rest is fetched again. Also the
  // answer's record sets may come split over several buffers, and a null record set
  // (an error partition) reads nothing.
  it('a truncated last batch does not move next; split buffers are joined; null reads nothing', async () => {
    const whole = await data(0, 3);
    const cut = (await data(3, 3)).subarray(0, 40);
    const r = await walk([whole, cut], 0);
    expect(r.offsets).toEqual([0, 1, 2]);
    expect(r).toMatchObject({ next: 3, batches: 1 });

    const joined = Buffer.concat([await data(0, 2), await data(2, 2)]);
    const split = await walk([joined.subarray(0, 50), joined.subarray(50)], 0);
    expect(split.offsets).toEqual([0, 1, 2, 3]);
    expect(split.next).toBe(4);

    expect(await walk(null, 12)).toMatchObject({ offsets: [], next: 12, stopped: false, batches: 0 });
  });

  // Guards: the LogAppendTime attribute is passed to `each` per batch.
  it('tells each record whether its batch carries LogAppendTime', async () => {
    const r = await walk([await data(0, 1), await data(1, 1, { logAppendTime: true })], 0);
    expect(r.seen.map((s) => [s.offset, s.logAppend])).toEqual([
      [0, false],
      [1, true],
    ]);
  });
});
