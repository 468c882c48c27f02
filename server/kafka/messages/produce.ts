// Producing from the dashboard's form: N copies of a record (templates {{i}}, {{uuid}},
// {{now}} filled per copy), placed by explicit partition, Kafka's murmur2 of the key, or
// round-robin; batched per partition under the topic's max.message.bytes and sent to each
// leader with acks=all. Answers where every record landed (first/last offset per partition).
import crypto from 'node:crypto';
import type { ProduceRequest, ProduceResponse } from '../../../lib/contract/messages';
import { partitionForKey } from '../../../lib/messages/murmur2';
import { Produce } from '../../protocol/00-produce';
import { ErrorCode } from '../../protocol/errors';
import { encodeRecordBatch, type RecordInput } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { describeTopicConfigs } from '../actions/configs';
import { KafkaApiError } from '../errors';
import { HttpError } from '../../http/api';
import { topicMeta } from './browse';
import { invalidateTopics } from '../snapshots/topics';

const TEMPLATE = /\{\{(i|uuid|now)\}\}/g;
const HAS_TEMPLATE = /\{\{(i|uuid|now)\}\}/;

function fill(s: string, i: number): string {
  return s.replace(TEMPLATE, (_, k: string) => (k === 'i' ? String(i) : k === 'uuid' ? crypto.randomUUID() : new Date().toISOString()));
}

function bytesOf(s: string | null | undefined, encoding: 'utf8' | 'base64', what: string): Buffer | null {
  if (s === null || s === undefined) return null;
  if (encoding === 'base64') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new HttpError(400, 'BAD_REQUEST', `${what} is not valid base64`);
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
      throw new HttpError(400, 'INVALID_JSON', `The value is not valid JSON: ${(e as Error).message}`);
    }
  }
  const templated = count > 1 || [req.key, req.value, ...(req.headers ?? []).map((h) => h.value)].some((s) => typeof s === 'string' && HAS_TEMPLATE.test(s));
  const partitions = t.partitions.map((p) => p.partition).sort((a, b) => a - b);
  const byPartition = new Map<number, RecordInput[]>();
  // A given indexFrom makes round-robin continue across requests; alone, a request starts anywhere.
  let rr = req.indexFrom ?? Math.floor(Math.random() * partitions.length);
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
    list.push({ key, value, headers, timestamp: Date.now() });
  }
  const maxBytes = Number((await describeTopicConfigs(client, [topic], ['max.message.bytes'])).get(topic)?.find((c) => c.name === 'max.message.bytes')?.value ?? 1048588);
  const results: ProduceResponse['results'] = [];
  for (const [partition, records] of [...byPartition].sort((a, b) => a[0] - b[0])) {
    const leader = t.partitions.find((p) => p.partition === partition)!.leader;
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
      const res = await client.toNode(leader, Produce, () => ({
        transactionalId: null,
        acks: -1,
        timeoutMs: 10_000,
        topicData: [{ name: topic, partitionData: [{ index: partition, records: [batch] }] }],
      }));
      const pr = res.responses[0]?.partitionResponses[0];
      if (!pr) throw new KafkaApiError(ErrorCode.UNKNOWN_SERVER_ERROR, 'the broker answered no partition');
      if (pr.errorCode === ErrorCode.MESSAGE_TOO_LARGE) {
        throw new HttpError(400, 'MESSAGE_TOO_LARGE', `A batch of ${batch.length} bytes is larger than the topic's max.message.bytes (${maxBytes}); the record is too large for ${topic}.`);
      }
      if (pr.errorCode !== 0) throw new KafkaApiError(pr.errorCode, null, `${topic}-${partition} after ${sent} records`);
      if (first < 0) first = pr.baseOffset;
      last = pr.baseOffset + chunk.length - 1;
      sent += chunk.length;
    }
    results.push({ partition, firstOffset: first, lastOffset: last, count: sent });
  }
  invalidateTopics();
  return { count, results };
}

function recordSize(r: RecordInput): number {
  const len = (v: Buffer | string | null | undefined) => (v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  return 24 + len(r.key) + len(r.value) + (r.headers ?? []).reduce((n, h) => n + Buffer.byteLength(h.key) + len(h.value), 0);
}
