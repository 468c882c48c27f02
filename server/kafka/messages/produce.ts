// Producing from the dashboard's form: N copies of a record (templates {{i}}, {{uuid}},
// {{now}} filled per copy), placed by explicit partition, Kafka's murmur2 of the key, or
// round-robin; batched per partition under the topic's max.message.bytes and sent to each
// leader with acks=all (a leader that moved is followed, routing/by-leader.ts). Answers
// where every record landed (first/last offset per partition). One request is bounded in
// total bytes (OFFSETSCOPE_PRODUCE_MAX_BYTES): the records are built, and the bound
// checked, before anything is sent, so a refused request writes nothing.
import crypto from 'node:crypto';
import type { ProduceRequest, ProduceResponse } from '../../../lib/contract/messages';
import { partitionForKey } from '../../../lib/messages/murmur2';
import { Produce } from '../../protocol/00-produce';
import { ErrorCode } from '../../protocol/errors';
import { encodeRecordBatch, type RecordInput } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { describeTopicConfigs } from '../actions/configs';
import { KafkaApiError, Refusal } from '../errors';
import { topicMeta } from './browse';
import { byLeader, LEADER_MOVED_CODES, MOVED, partitionKey, type Moved } from '../routing/by-leader';

/** The most bytes of keys, values and headers one produce request may make; default 64 MiB. */
export function produceMaxBytes(): number {
  const v = Number(process.env.OFFSETSCOPE_PRODUCE_MAX_BYTES);
  return Number.isFinite(v) && v > 0 ? v : 64 * 1024 * 1024;
}

const TEMPLATE = /\{\{(i|uuid|now)\}\}/g;
const HAS_TEMPLATE = /\{\{(i|uuid|now)\}\}/;

function fill(s: string, i: number): string {
  return s.replace(TEMPLATE, (_, k: string) => (k === 'i' ? String(i) : k === 'uuid' ? crypto.randomUUID() : new Date().toISOString()));
}

function bytesOf(s: string | null | undefined, encoding: 'utf8' | 'base64', what: string): Buffer | null {
  if (s === null || s === undefined) return null;
  if (encoding === 'base64') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Refusal('invalid', 'BAD_REQUEST', `${what} is not valid base64`);
    return Buffer.from(s, 'base64');
  }
  return Buffer.from(s, 'utf8');
}

export async function produce(client: ClusterClient, topic: string, req: ProduceRequest): Promise<ProduceResponse> {
  const t = await topicMeta(client, topic);
  const count = req.count ?? 1;
  const from = req.indexFrom ?? 0;
  const encoding = req.encoding ?? 'utf8';
  if (req.partition !== undefined && !t.partitions.some((p) => p.partition === req.partition)) {
    throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${req.partition}.`);
  }
  if (req.valueFormat === 'json' && req.value !== null) {
    try {
      JSON.parse(fill(req.value, from));
    } catch (e) {
      throw new Refusal('invalid', 'INVALID_JSON', `The value is not valid JSON: ${(e as Error).message}`);
    }
  }
  const templated = count > 1 || [req.key, req.value, ...(req.headers ?? []).map((h) => h.value)].some((s) => typeof s === 'string' && HAS_TEMPLATE.test(s));
  const partitions = t.partitions.map((p) => p.partition).sort((a, b) => a - b);
  const byPartition = new Map<number, RecordInput[]>();
  // A given indexFrom makes round-robin continue across requests; alone, a request starts anywhere.
  let rr = req.indexFrom ?? Math.floor(Math.random() * partitions.length);
  const limit = produceMaxBytes();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const f = (s: string | null | undefined) => (s === null || s === undefined ? s : templated && encoding === 'utf8' ? fill(s, from + i) : s);
    const key = bytesOf(f(req.key), encoding, 'key');
    const value = bytesOf(f(req.value), encoding, 'value');
    const headers = (req.headers ?? []).map((h) => ({ key: h.key, value: bytesOf(f(h.value), encoding, `header ${h.key}`) }));
    let partition: number;
    if (req.partition !== undefined) partition = req.partition;
    else if (req.partitioner !== 'round-robin' && key !== null) partition = partitions[partitionForKey(key, partitions.length)];
    else partition = partitions[rr++ % partitions.length];
    let list = byPartition.get(partition);
    if (!list) byPartition.set(partition, (list = []));
    const record = { key, value, headers, timestamp: Date.now() };
    total += recordSize(record);
    if (total > limit) {
      throw new Refusal(
        'too-large',
        'PAYLOAD_TOO_LARGE',
        `This request would produce more than ${limit} bytes (OFFSETSCOPE_PRODUCE_MAX_BYTES; ${count} records of about ${recordSize(record)} bytes each); nothing was written. Send fewer or smaller records.`,
        { limitBytes: limit },
      );
    }
    list.push(record);
  }
  const maxBytes = Number((await describeTopicConfigs(client, [topic], ['max.message.bytes'])).get(topic)?.find((c) => c.name === 'max.message.bytes')?.value ?? 1048588);
  const produced: ProduceResponse['results'] = [];
  for (const [partition, records] of [...byPartition].sort((a, b) => a[0] - b[0])) {
    const md = { topics: [t] };
    const k = partitionKey(topic, partition);
    let first = -1;
    let last = -1;
    let sent = 0;
    // Batches of at most ~half the limit (compression may not help), but never split a record.
    const budget = Math.max(1, Math.floor(maxBytes / 2));
    let i = 0;
    while (i < records.length) {
      let size = 0;
      const chunk: RecordInput[] = [];
      while (i < records.length && (chunk.length === 0 || size + recordSize(records[i]) < budget) && chunk.length < 10_000) {
        size += recordSize(records[i]);
        chunk.push(records[i++]);
      }
      const batch = await encodeRecordBatch(chunk, { compression: req.compression ?? 'none' });
      const { results, failed } = await byLeader(client, md, [{ topic, partition }], async (leader) => {
        const res = await client.toNode(leader, Produce, () => ({
          transactionalId: null,
          acks: -1,
          timeoutMs: 10_000,
          topicData: [{ name: topic, partitionData: [{ index: partition, records: [batch] }] }],
        }));
        const answer = res.responses[0]?.partitionResponses[0];
        if (!answer) throw new KafkaApiError(ErrorCode.UNKNOWN_SERVER_ERROR, 'the broker answered no partition');
        return new Map<string, typeof answer | Moved>([[k, LEADER_MOVED_CODES.has(answer.errorCode) ? MOVED : answer]]);
      });
      const pr = results.get(k);
      if (!pr) throw failed.get(k) ?? new KafkaApiError(ErrorCode.UNKNOWN_SERVER_ERROR, `${topic}-${partition}: no answer`);
      if (pr.errorCode === ErrorCode.MESSAGE_TOO_LARGE) {
        throw new Refusal('invalid', 'MESSAGE_TOO_LARGE', `A batch of ${batch.length} bytes is larger than the topic's max.message.bytes (${maxBytes}); the record is too large for ${topic}.`);
      }
      if (pr.errorCode !== 0) throw new KafkaApiError(pr.errorCode, pr.errorMessage, `${topic}-${partition} after ${sent} records`); // the message: Produce v8+
      if (first < 0) first = pr.baseOffset;
      last = pr.baseOffset + chunk.length - 1;
      sent += chunk.length;
    }
    produced.push({ partition, firstOffset: first, lastOffset: last, count: sent });
  }
  return { count, results: produced };
}

function recordSize(r: RecordInput): number {
  const len = (v: Buffer | string | null | undefined) => (v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  return 24 + len(r.key) + len(r.value) + (r.headers ?? []).reduce((n, h) => n + Buffer.byteLength(h.key) + len(h.value), 0);
}
