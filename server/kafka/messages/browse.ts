// Browsing a topic's records without a consumer group: ListOffsets to find where to start,
// then Fetch from each partition's leader with our codecs (every compression codec), as
// many rounds as the page needs. Nothing is committed and no group is created.
import type { Message, MessagesQuery, MessagesResponse } from '../../../lib/contract/messages';
import { ErrorCode } from '../../protocol/errors';
import type { Record as KafkaRecord } from '../../protocol/record-batch';
import type { ClusterClient, TopicMeta } from '../connection/cluster-client';
import { KafkaApiError, Refusal } from '../errors';
import { logOffsets, offsetsForTime as offsetsAtTime, tpKey, type OffsetMap } from '../routing/offsets';
import { PartitionReader } from './partition-reader';
import { topicMeta } from './topic-meta';

export { topicMeta };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const DEFAULT_MAX_VALUE = 64 * 1024;
/** How many records a filtered read may scan per partition before it answers. */
const SCAN_LIMIT = 10_000;

function encodeBytes(b: Buffer | null, max = Infinity): { text: string | null; encoding: 'utf8' | 'base64' | null; cut: number } {
  if (b === null) return { text: null, encoding: null, cut: 0 };
  const shown = b.length > max ? b.subarray(0, max) : b;
  const cut = b.length - shown.length;
  try {
    return { text: utf8.decode(shown), encoding: 'utf8', cut };
  } catch {
    // a cut may split a UTF-8 sequence: retry on the whole value before calling it binary
    if (cut > 0) {
      try {
        utf8.decode(b);
        return { text: shown.toString('utf8').replace(/\uFFFD+$/, ''), encoding: 'utf8', cut };
      } catch {
        // binary
      }
    }
    return { text: shown.toString('base64'), encoding: 'base64', cut };
  }
}

/** Key + value + headers bytes of a record, as the API's `size` and a filter's `size` count them. */
export function recordBytes(r: KafkaRecord): number {
  let n = (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers) n += Buffer.byteLength(h.key) + (h.value?.length ?? 0);
  return n;
}

export function toMessage(partition: number, r: KafkaRecord, logAppendTime: boolean, maxValue = DEFAULT_MAX_VALUE): Message {
  const key = encodeBytes(r.key);
  const value = encodeBytes(r.value, maxValue);
  const headers = r.headers.map((h) => {
    const v = encodeBytes(h.value);
    return { key: h.key, value: v.text, valueEncoding: v.encoding };
  });
  const m: Message = {
    partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
    key: key.text,
    keyEncoding: key.encoding,
    value: value.text,
    valueEncoding: value.encoding,
    headers,
    size: recordBytes(r),
  };
  if (value.cut > 0) m.truncated = value.cut;
  return m;
}

/**
 * Records of one partition from `offset` (ascending), up to `limit` that match, reading
 * until `end`. `leader` is where to start; a leader that moved or failed is looked up again.
 */
export async function readPartition(
  client: ClusterClient,
  topic: string,
  partition: number,
  leader: number,
  offset: number,
  end: number,
  limit: number,
  match: (m: Message) => boolean,
  maxValue?: number,
): Promise<{ messages: Message[]; scanned: number; next: number }> {
  const reader = new PartitionReader(client, topic, partition, leader);
  const out: Message[] = [];
  let scanned = 0;
  let pos = offset;
  while (pos < end && out.length < limit && scanned < SCAN_LIMIT) {
    const step = await reader.read(pos, end);
    pos = step.next;
    for (const { record, logAppendTime } of step.records) {
      if (out.length >= limit) {
        pos = record.offset; // the page is full: the next one starts here
        break;
      }
      scanned++;
      const m = toMessage(partition, record, logAppendTime, maxValue);
      if (match(m)) out.push(m);
    }
    if (step.done) break;
  }
  const next = out.length ? out[out.length - 1].offset + 1 : pos;
  return { messages: out, scanned, next };
}

export function parseTimestamp(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`; // no zone = UTC
  const t = Date.parse(zoned);
  if (Number.isNaN(t)) throw new Refusal('invalid', 'BAD_REQUEST', `timestamp '${s}' is neither epoch milliseconds nor ISO-8601`);
  return t;
}

export function matcher(q: string | undefined): (m: Message) => boolean {
  const needle = q?.toLowerCase();
  if (!needle) return () => true;
  return (m) =>
    (m.key?.toLowerCase().includes(needle) ?? false) ||
    (m.value?.toLowerCase().includes(needle) ?? false) ||
    m.headers.some((h) => h.key.toLowerCase().includes(needle) || (h.value?.toLowerCase().includes(needle) ?? false));
}

export async function browse(client: ClusterClient, topic: string, q: MessagesQuery): Promise<MessagesResponse> {
  const t = await topicMeta(client, topic);
  let parts = t.partitions;
  if (q.partition !== undefined) {
    parts = parts.filter((p) => p.partition === q.partition);
    if (parts.length === 0) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${q.partition}.`);
  }
  const offsets = await logOffsets(client, [{ ...t, partitions: parts }]);
  const match = matcher(q.q);
  let starts = new Map<number, number>();
  if (q.from === 'offset') {
    if (q.offset === undefined) throw new Refusal('invalid', 'BAD_REQUEST', 'from=offset needs offset=');
    for (const p of parts) {
      const o = offsets.get(tpKey(topic, p.partition));
      if (o?.end !== null && o?.end !== undefined && q.offset > o.end) {
        throw new Refusal('invalid', 'OFFSET_OUT_OF_RANGE', `Offset ${q.offset} is beyond the log end ${o.end} of ${topic}-${p.partition}.`);
      }
      starts.set(p.partition, Math.max(q.offset, o?.start ?? 0));
    }
  } else if (q.from === 'timestamp') {
    if (!q.timestamp) throw new Refusal('invalid', 'BAD_REQUEST', 'from=timestamp needs timestamp=');
    starts = await startsAtTime(client, t, parts, parseTimestamp(q.timestamp), offsets);
  } else if (q.from === 'oldest') {
    for (const p of parts) starts.set(p.partition, offsets.get(tpKey(topic, p.partition))?.start ?? 0);
  }
  const all: Message[] = [];
  let scanned = 0;
  const next: Record<string, number> = {};
  await Promise.all(
    parts.map(async (p) => {
      const o = offsets.get(tpKey(topic, p.partition));
      if (!o || o.start === null || o.end === null) return;
      if (q.from === 'newest') {
        // Read backwards in windows until the page is full (or the scan limit is reached).
        const got: Message[] = [];
        let hi = o.end;
        let windowSize = q.limit;
        while (hi > o.start && got.length < q.limit && scanned < SCAN_LIMIT) {
          const lo = Math.max(o.start, hi - windowSize);
          const r = await readPartition(client, topic, p.partition, p.leader, lo, hi, Number.MAX_SAFE_INTEGER, match, q.maxValueBytes);
          scanned += r.scanned;
          got.unshift(...r.messages);
          hi = lo;
          windowSize = Math.min(windowSize * 2, 5000);
        }
        const page = got.slice(-q.limit);
        all.push(...page);
        next[String(p.partition)] = page.length ? page[0].offset : hi;
      } else {
        const r = await readPartition(client, topic, p.partition, p.leader, starts.get(p.partition) ?? o.start, o.end, q.limit, match, q.maxValueBytes);
        scanned += r.scanned;
        all.push(...r.messages);
        next[String(p.partition)] = r.next;
      }
    }),
  );
  const newestFirst = q.from === 'newest';
  all.sort((a, b) => (newestFirst ? b.timestamp - a.timestamp || b.offset - a.offset : a.timestamp - b.timestamp || a.offset - b.offset));
  return { messages: all.slice(0, q.limit), next, scanned, fetchedAt: Date.now() };
}

/** Where reading from a time starts per partition: the first record at or after it, else the end (nothing yet). */
export async function startsAtTime(client: ClusterClient, t: TopicMeta, parts: TopicMeta['partitions'], ts: number, offsets: OffsetMap): Promise<Map<number, number>> {
  const found = await offsetsAtTime(client, [{ ...t, partitions: parts }], ts);
  const out = new Map<number, number>();
  for (const p of parts) {
    const k = tpKey(t.name, p.partition);
    const at = found.get(k);
    out.set(p.partition, at ?? offsets.get(k)?.end ?? 0);
  }
  return out;
}
