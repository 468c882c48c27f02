// The one walk over a Fetch answer's record batches (browse, tail, commit log, time lag):
// control batches are skipped (they hold transaction markers, not data), records before
// the asked offset too (a batch may start before it), and the caller may stop early.
import { Slices } from '../event-loop-slices';
import { ATTR_CONTROL, ATTR_LOG_APPEND_TIME, decodeRecordBatch, splitBatches, type Record as KafkaRecord } from '../../protocol/record-batch';

/** Return false to stop before this record (it is not counted as read). */
export type EachRecord = (r: KafkaRecord, logAppendTime: boolean) => boolean | void | Promise<boolean | void>;

export interface ReadOptions {
  /**
   * Give the event loop a turn after this much decoding (ms). For big background reads
   * (the commit log: up to 8 MiB a leader a round): decoding stays on this thread but never
   * holds it longer than one slice and one batch, so pages and API answers go on meanwhile.
   */
  sliceMs?: number;
}

/**
 * Walks one partition's fetched batches from offset `from`. Answers the next offset to
 * fetch: past the last batch walked, or the record that stopped the walk. An undecodable
 * batch throws (callers decide what a reader should see then).
 */
export async function readFetched(records: Buffer[] | null, from: number, each: EachRecord, opts: ReadOptions = {}): Promise<{ next: number; stopped: boolean; batches: number }> {
  let next = from;
  let batches = 0;
  const slices = new Slices(opts.sliceMs ?? Infinity);
  for (const batch of splitBatches(records?.length === 1 ? records[0] : Buffer.concat(records ?? []))) {
    await slices.turnIfDue();
    const attrs = batch.readInt16BE(21);
    const after = Number(batch.readBigInt64BE(0)) + batch.readInt32BE(23) + 1;
    if (after <= next) continue;
    batches++;
    if ((attrs & ATTR_CONTROL) === 0) {
      const logAppend = (attrs & ATTR_LOG_APPEND_TIME) !== 0;
      for (const r of await decodeRecordBatch(batch)) {
        if (r.offset < next) continue;
        if ((await each(r, logAppend)) === false) return { next: r.offset, stopped: true, batches };
        next = r.offset + 1;
      }
    }
    next = Math.max(next, after);
  }
  return { next, stopped: false, batches };
}
