// Group-less reads over our own wire client: whole partitions, raw stored bytes or records.
import { Fetch } from '../../server/protocol/01-fetch';
import { ListOffsets } from '../../server/protocol/02-list-offsets';
import { decodeRecordBatch, splitBatches, type Record } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { fetchRequest } from '../../server/kafka/routing/fetch-request';

export async function fetchOnce(conn: WireConnection, topic: string, partition: number, offset: number, maxBytes = 1 << 20) {
  const res = await conn.request(Fetch, 11, fetchRequest([{ topic, partitions: [{ partition, offset, maxBytes }] }], { maxBytes }));
  return res.responses[0].partitions[0];
}

/** Every stored batch of a partition from log-start to log-end, as raw bytes. */
export async function readAllBatches(port: number, topic: string, partition: number): Promise<Buffer[]> {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    const out: Buffer[] = [];
    let offset = await listOffset(conn, topic, partition, -2);
    const end = await listOffset(conn, topic, partition, -1);
    while (offset < end) {
      const p = await fetchOnce(conn, topic, partition, offset);
      if (p.errorCode !== 0) throw new Error(`fetch error ${p.errorCode}`);
      const batches = splitBatches(Buffer.concat(p.records ?? []));
      if (batches.length === 0) throw new Error(`no progress at offset ${offset}`);
      for (const b of batches) {
        out.push(Buffer.from(b));
        offset = Number(b.readBigInt64BE(0)) + b.readInt32BE(23) + 1;
      }
    }
    return out;
  } finally {
    conn.close();
  }
}

export async function readAllRecords(port: number, topic: string, partition: number): Promise<Record[]> {
  const out: Record[] = [];
  for (const b of await readAllBatches(port, topic, partition)) out.push(...(await decodeRecordBatch(b)));
  return out;
}

export async function listOffset(conn: WireConnection, topic: string, partition: number, timestamp: number): Promise<number> {
  const res = await conn.request(ListOffsets, 3, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp, maxNumOffsets: 1 }] }],
  });
  const p = res.topics[0].partitions[0];
  if (p.errorCode !== 0) throw new Error(`ListOffsets error ${p.errorCode}`);
  return p.offset;
}
