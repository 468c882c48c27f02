// File damage after an unclean stop. One file of a stopped broker's data dir — an active or
// closed segment, an offset or time index, the topic metadata, the recovery-point checkpoint
// or a log-start file — is truncated or overwritten at a seeded random point. The broker must
// start every time, keep every partition, serve every intact record before the damage (and,
// for files without record data, every record), keep offsets contiguous, take new records at
// the right offset, and log what it repaired.
//
// The template is what kill -9 leaves: the first half of the records is produced and the
// broker stopped cleanly (so `recovery-point-offset-checkpoint` holds each partition's log-end
// then), the second half is produced by a restarted broker that is then crashed (no flush, no
// checkpoint rewrite, no clean-shutdown marker). Segment damage is placed past the recovery
// point, where an unclean start re-reads every batch with its CRC. Below the recovery point the
// data was fsynced and is trusted as Kafka trusts it (server/broker/log/README.md, "What is not
// promised"): one case documents that boundary by asking only that the broker starts and serves
// what is intact around such damage.
//
// One data set is produced once into a template dir; each case copies it. Every case's name
// carries its seed, and every failure message says exactly which bytes were changed, so
// `npx vitest run test/integration/file-damage.test.ts -t "seed 0x…"` reproduces one case.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { decodeRecordBatch, splitBatches } from '../../server/protocol/record-batch';
import { parseCheckpoint } from '../../server/broker/log/recovery-checkpoint';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { kafka, withAdmin } from '../helpers/kafkajs';
import { fetchOnce, listOffset, readAllRecords } from '../helpers/read';
import { mulberry32, type Rng } from '../helpers/seeded';

const TOPIC = 'fd-topic';
const PARTITIONS = [0, 1];
const PER_PARTITION = 2500;
/** Records per partition produced before the clean stop that writes the recovery checkpoint. */
const FIRST_HALF = PER_PARTITION / 2;
const SEGMENT_BYTES = 16 * 1024;
/** DeleteRecords moves partition 1's log-start here (mid-batch, past its first segments). */
const DELETED_BEFORE = 777;
const CHECKPOINT = 'recovery-point-offset-checkpoint';
const START_FILE = 'log-start-offset';
const SEEDS_PER_CASE = 3;

// ---- the data set: offset o of partition p holds valueOf(p, o) stamped tsOf(o) ----------------

const valueOf = (p: number, o: number) => `v-${p}-${o}-${'x'.repeat(10 + ((o * 37) % 40))}`;
let T0 = 0;
const tsOf = (o: number) => T0 + o * 10;

// ---- seeded randomness -------------------------------------------------------------------------

const randInt = (rng: Rng, n: number) => Math.floor(rng() * n);
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}
const hex = (n: number) => '0x' + n.toString(16).padStart(8, '0');

// ---- what the template holds on disk -----------------------------------------------------------

interface BatchInfo {
  pos: number;
  size: number;
  base: number;
  last: number;
}
interface SegmentInfo {
  partition: number;
  base: number;
  /** Path of the .log relative to the data dir. */
  rel: string;
  size: number;
  batches: BatchInfo[];
  closed: boolean;
}

function scanSegments(dataDir: string, p: number): SegmentInfo[] {
  const dir = path.join(dataDir, `${TOPIC}-${p}`);
  const logs = fs
    .readdirSync(dir)
    .filter((f) => /^\d{20}\.log$/.test(f))
    .sort();
  return logs.map((f, i) => {
    const buf = fs.readFileSync(path.join(dir, f));
    const batches: BatchInfo[] = [];
    let pos = 0;
    while (pos + 61 <= buf.length) {
      const size = buf.readInt32BE(pos + 8) + 12;
      const base = Number(buf.readBigInt64BE(pos));
      batches.push({ pos, size, base, last: base + buf.readInt32BE(pos + 23) });
      pos += size;
    }
    if (pos !== buf.length) throw new Error(`template segment ${f} does not parse (${pos} vs ${buf.length} bytes)`);
    return { partition: p, base: Number(f.slice(0, 20)), rel: path.join(`${TOPIC}-${p}`, f), size: buf.length, batches, closed: i < logs.length - 1 };
  });
}

interface Template {
  dir: string;
  segments: Record<number, SegmentInfo[]>;
  /** Log-start offset of each partition before the damage. */
  start: Record<number, number>;
  /** Each partition's recovery point in the template's checkpoint (the first half's log-end). */
  recovery: Record<number, number>;
}

/** A closed segment an unclean start re-reads with CRCs: its data reaches the recovery point or beyond. */
function pastRecoveryPoint(t: Template, p: number): SegmentInfo[] {
  const segs = t.segments[p];
  return segs.filter((s, i) => s.closed && segs[i + 1].base > t.recovery[p]);
}

/** A closed segment wholly below the recovery point (fsynced; trusted at an unclean start). */
function belowRecoveryPoint(t: Template, p: number): SegmentInfo[] {
  const segs = t.segments[p];
  return segs.filter((s, i) => s.closed && segs[i + 1].base <= t.recovery[p]);
}
let template: Template | undefined;
let baselineLogs = new Set<string>();
let controlError: unknown;

// ---- damage ------------------------------------------------------------------------------------

type Kind = 'active segment' | 'closed segment' | 'offset index' | 'time index' | 'topic metadata' | 'recovery checkpoint' | 'log-start file';
type Mode = 'truncate' | 'overwrite' | 'empty' | 'plausible index entry';
const KINDS: Kind[] = ['active segment', 'closed segment', 'offset index', 'time index', 'topic metadata', 'recovery checkpoint', 'log-start file'];
/** How a kind reads in case names (the seeds stay keyed by the kind). */
const LABEL: Partial<Record<Kind, string>> = {
  'closed segment': 'closed segment past the recovery point',
  'offset index': 'offset index of a segment below the recovery point',
  'time index': 'time index of a segment below the recovery point',
};

interface Damage {
  kind: Kind;
  mode: Mode;
  /** Path relative to the data dir. */
  rel: string;
  partition: number | null;
  segment: SegmentInfo | null;
  original: Buffer;
  damaged: Buffer;
  /** Truncation point, or where the overwritten run starts. */
  at: number;
  what: string;
  /** Offsets to fetch one by one afterwards (the plausible index entry case). */
  probeOffsets?: number[];
}

function fileFor(kind: Kind, rng: Rng, t: Template): { rel: string; partition: number | null; segment: SegmentInfo | null } {
  switch (kind) {
    case 'topic metadata':
      return { rel: path.join('.topics', `${TOPIC}.json`), partition: null, segment: null };
    case 'recovery checkpoint':
      return { rel: CHECKPOINT, partition: null, segment: null };
    case 'log-start file':
      return { rel: path.join(`${TOPIC}-1`, START_FILE), partition: 1, segment: null };
    default: {
      const p = randInt(rng, 2);
      const segs = t.segments[p];
      // Closed-segment damage lies past the recovery point (what an unclean start must check).
      // Index damage lies below it: past it an unclean start rebuilds both indexes from the log
      // without reading them (nothing to find or report), below it the broker opens the index
      // files and must check them against the log.
      const closed = kind === 'closed segment' ? pastRecoveryPoint(t, p) : belowRecoveryPoint(t, p);
      const seg = kind === 'active segment' ? segs[segs.length - 1] : closed[randInt(rng, closed.length)];
      const ext = kind === 'offset index' ? '.index' : kind === 'time index' ? '.timeindex' : '.log';
      return { rel: seg.rel.replace(/\.log$/, ext), partition: p, segment: seg };
    }
  }
}

function planDamage(kind: Kind, mode: 'truncate' | 'overwrite' | 'empty', seed: number, t: Template): Damage {
  const rng = mulberry32(seed);
  const { rel, partition, segment } = fileFor(kind, rng, t);
  const file = path.join(t.dir, rel);
  if (!fs.existsSync(file)) throw new Error(`the template has no ${rel}: the broker did not write it before the unclean stop`);
  const original = fs.readFileSync(file);
  if (original.length === 0) throw new Error(`the template's ${rel} is empty: nothing to damage`);
  if (mode === 'empty') return { kind, mode, rel, partition, segment, original, damaged: Buffer.alloc(0), at: 0, what: `emptied ${rel} (${original.length} bytes)` };
  if (mode === 'truncate') {
    const at = randInt(rng, original.length);
    return { kind, mode, rel, partition, segment, original, damaged: original.subarray(0, at), at, what: `truncated ${rel} from ${original.length} to ${at} bytes` };
  }
  const at = randInt(rng, original.length);
  const len = Math.min(1 + randInt(rng, 64), original.length - at);
  const damaged = Buffer.from(original);
  for (let i = 0; i < len; i++) damaged[at + i] = randInt(rng, 256);
  return {
    kind,
    mode,
    rel,
    partition,
    segment,
    original,
    damaged,
    at,
    what: `overwrote ${len} bytes of ${rel} (${original.length} bytes) at ${at}: ${original.subarray(at, at + len).toString('hex')} -> ${damaged.subarray(at, at + len).toString('hex')}`,
  };
}

/** A closed segment's index entry pointing, with its own offset kept, at a later batch of its range. */
function plausibleIndexDamage(t: Template): Damage {
  for (const p of PARTITIONS) {
    for (const seg of t.segments[p].filter((s) => s.closed)) {
      const rel = seg.rel.replace(/\.log$/, '.index');
      const original = fs.readFileSync(path.join(t.dir, rel));
      const entries = original.length / 8;
      for (let i = entries - 1; i >= 1; i--) {
        const relOffset = original.readInt32BE(i * 8);
        const position = original.readInt32BE(i * 8 + 4);
        const end = i + 1 < entries ? original.readInt32BE((i + 1) * 8 + 4) : seg.size;
        const inRange = seg.batches.filter((b) => b.pos >= position && b.pos < end);
        if (inRange.length < 3 || inRange[0].base !== seg.base + relOffset) continue;
        const later = inRange[inRange.length - 1];
        if (seg.base + relOffset < t.start[p]) continue;
        const damaged = Buffer.from(original);
        damaged.writeInt32BE(later.pos, i * 8 + 4);
        return {
          kind: 'offset index',
          mode: 'plausible index entry',
          rel,
          partition: p,
          segment: seg,
          original,
          damaged,
          at: i * 8 + 4,
          what: `index entry ${i} of ${rel} (offset ${seg.base + relOffset}, position ${position}) now says position ${later.pos}, where the batch of offsets ${later.base}..${later.last} starts`,
          probeOffsets: [seg.base + relOffset, seg.base + relOffset + 1, later.base - 1],
        };
      }
    }
  }
  throw new Error('no closed segment has an index entry whose range holds three batches');
}

// ---- what the broker must do with it -----------------------------------------------------------

interface PartitionExpectation {
  /** Every offset in [reqFrom, reqTo) must be served with its own record. */
  reqFrom: number;
  reqTo: number;
  /** Allowed range of the log-start offset (ListOffsets earliest) after the restart. */
  earliestMin: number;
  earliestMax: number;
  /** The log-end offset must stay what it was (no record data was damaged). */
  exactEnd: boolean;
  /** Offsets whose timestamps ListOffsets must map back to them. */
  tsSamples: number[];
}

interface Expectation {
  parts: Record<number, PartitionExpectation>;
  /** The broker cannot have found the damage unless this holds (e.g. a truncation on a batch boundary of the last segment). */
  mustLog: boolean;
  logNames: string[];
  note: string;
}

const segDir = (p: number) => `${TOPIC}-${p}`;

function batchHolding(seg: SegmentInfo, offset: number): BatchInfo | undefined {
  return seg.batches.find((b) => b.base <= offset && offset <= b.last);
}

/** First changed byte that matters: partitionLeaderEpoch (batch bytes 12..15) is outside the CRC and the records. */
function firstEffectiveChange(d: Damage): number | null {
  if (d.damaged.length < d.original.length) return d.damaged.length;
  const epochBytes = new Set<number>();
  for (const b of d.segment!.batches) for (let i = 12; i < 16; i++) epochBytes.add(b.pos + i);
  for (let i = 0; i < d.original.length; i++) if (d.original[i] !== d.damaged[i] && !epochBytes.has(i)) return i;
  return null;
}

function validMetadata(buf: Buffer): boolean {
  try {
    const t = JSON.parse(buf.toString('utf8'));
    return (
      t !== null &&
      typeof t === 'object' &&
      t.name === TOPIC &&
      typeof t.id === 'string' &&
      Number.isInteger(t.partitions) &&
      t.partitions >= 2 &&
      t.configs !== null &&
      typeof t.configs === 'object' &&
      !Array.isArray(t.configs)
    );
  } catch {
    return false;
  }
}

function validCheckpoint(buf: Buffer): boolean {
  const lines = buf.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== '0' || !/^\d+$/.test(lines[1] ?? '')) return false;
  if (lines.length !== 2 + Number(lines[1])) return false;
  return lines.slice(2).every((l) => {
    const m = /^(\S+) (\d+) (\d+)$/.exec(l);
    if (!m) return false;
    return m[1] !== TOPIC || (PARTITIONS.includes(Number(m[2])) && Number(m[3]) <= PER_PARTITION);
  });
}

function expectationFor(d: Damage | null, t: Template, rng: Rng): Expectation {
  const parts: Record<number, PartitionExpectation> = {};
  for (const p of PARTITIONS) {
    const s = t.start[p];
    parts[p] = { reqFrom: s, reqTo: PER_PARTITION, earliestMin: s, earliestMax: s, exactEnd: true, tsSamples: [] };
  }
  let mustLog = false;
  let logNames: string[] = [];
  let note = 'no damage';
  let focus: SegmentInfo | null = null;
  if (d) {
    const base = path.basename(d.rel);
    switch (d.kind) {
      case 'active segment':
      case 'closed segment': {
        const seg = d.segment!;
        const p = d.partition!;
        focus = seg;
        logNames = [base, segDir(p)];
        const at = firstEffectiveChange(d);
        if (at === null) {
          note = 'only partition-leader-epoch bytes changed: no record is damaged';
          break;
        }
        const cut = seg.batches.find((b) => b.pos + b.size > at)!;
        const e = parts[p];
        e.reqTo = Math.max(e.reqFrom, cut.base);
        e.exactEnd = false;
        if (e.reqTo === e.reqFrom) e.earliestMin = 0;
        if (e.reqTo === e.reqFrom) e.earliestMax = PER_PARTITION;
        const onBoundary = d.mode === 'truncate' && cut.pos === at;
        // A last segment cut on a batch boundary looks like a log that simply ended there.
        mustLog = !(onBoundary && !seg.closed);
        note = `first damaged byte ${at} lies in the batch of offsets ${cut.base}..${cut.last}; offsets ${e.reqFrom}..${e.reqTo - 1} of partition ${p} are intact`;
        break;
      }
      case 'offset index': {
        focus = d.segment;
        logNames = [base, segDir(d.partition!)];
        if (d.mode === 'truncate') mustLog = !(d.at > 0 && d.at % 8 === 0);
        else mustLog = !d.original.equals(d.damaged);
        note = mustLog ? 'the index no longer matches the log' : 'a shorter sparse index is still a valid index';
        break;
      }
      case 'time index': {
        const seg = d.segment!;
        focus = seg;
        logNames = [base, segDir(d.partition!)];
        if (d.mode === 'truncate') mustLog = !(d.at > 0 && d.at % 12 === 0);
        else {
          // An entry whose timestamp is unchanged and whose offset still falls in the same batch is harmless.
          for (let i = 0; i + 12 <= d.original.length; i += 12) {
            const o = d.original.subarray(i, i + 12);
            const n = d.damaged.subarray(i, i + 12);
            if (o.equals(n)) continue;
            const sameTs = o.subarray(0, 8).equals(n.subarray(0, 8));
            const sameBatch = batchHolding(seg, seg.base + o.readInt32BE(8)) === batchHolding(seg, seg.base + n.readInt32BE(8));
            if (!sameTs || !sameBatch) mustLog = true;
          }
        }
        note = 'a time index holds no records: every record stays';
        break;
      }
      case 'topic metadata':
        logNames = [TOPIC];
        mustLog = !validMetadata(d.damaged);
        note = mustLog ? 'the topic file no longer describes the topic: the broker must rebuild it from the partition directories' : 'the topic file still parses as this topic';
        break;
      case 'recovery checkpoint':
        logNames = [CHECKPOINT];
        mustLog = !validCheckpoint(d.damaged);
        note = 'a checkpoint holds no records: every record stays';
        break;
      case 'log-start file': {
        logNames = [START_FILE, segDir(1)];
        const e = parts[1];
        e.earliestMin = t.segments[1][0].base;
        const text = d.damaged.toString('latin1');
        const v = /^\d+\s*$/.test(text) ? Number(text.trim()) : NaN;
        mustLog = !(Number.isSafeInteger(v) && v <= PER_PARTITION);
        if (!mustLog && v > e.reqFrom) {
          // Still a valid number, only larger: nobody can tell it was damaged.
          e.reqFrom = v;
          e.earliestMax = v;
        }
        note = `log-start may fall back to ${e.earliestMin} (records below ${t.start[1]} may reappear)`;
        break;
      }
    }
  }
  for (const p of PARTITIONS) {
    const e = parts[p];
    if (e.reqTo <= e.reqFrom) continue;
    const pick = new Set<number>([e.reqFrom, e.reqTo - 1]);
    for (let i = 0; i < 3; i++) pick.add(e.reqFrom + randInt(rng, e.reqTo - e.reqFrom));
    if (focus && focus.partition === p) {
      const first = focus.batches[0].base;
      const last = focus.batches[focus.batches.length - 1].last;
      for (const o of [first, Math.floor((first + last) / 2), last]) if (o >= e.reqFrom && o < e.reqTo) pick.add(o);
    }
    e.tsSamples = [...pick].sort((a, b) => a - b);
  }
  return { parts, mustLog, logNames, note };
}

// ---- reading ------------------------------------------------------------------------------------

interface Served {
  earliest: number;
  latest: number;
  records: { offset: number; value: string | null; timestamp: number }[];
}

/**
 * Every record from log-start to log-end as a client sees it (records below the asked
 * offset dropped). Unlike readAllRecords it refuses to loop on batches that go backwards.
 */
async function readPartition(port: number, p: number): Promise<Served> {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    const earliest = await listOffset(conn, TOPIC, p, -2);
    const latest = await listOffset(conn, TOPIC, p, -1);
    const records: Served['records'] = [];
    let offset = earliest;
    while (offset < latest) {
      const part = await fetchOnce(conn, TOPIC, p, offset);
      if (part.errorCode !== 0) throw new Error(`partition ${p}: fetch at offset ${offset} (log ${earliest}..${latest}) answered error ${part.errorCode}`);
      const batches = splitBatches(Buffer.concat(part.records ?? []));
      if (batches.length === 0) throw new Error(`partition ${p}: fetch at offset ${offset} (log ${earliest}..${latest}) returned no batch`);
      for (const b of batches) {
        const base = Number(b.readBigInt64BE(0));
        const next = base + b.readInt32BE(23) + 1;
        let recs;
        try {
          recs = await decodeRecordBatch(b);
        } catch (e) {
          throw new Error(`partition ${p}: the batch served for offset ${offset} (base ${base}) does not decode: ${(e as Error).message}`);
        }
        for (const r of recs) if (r.offset >= offset) records.push({ offset: r.offset, value: r.value?.toString() ?? null, timestamp: r.timestamp });
        if (next <= offset) throw new Error(`partition ${p}: the batch served for offset ${offset} ends at ${next - 1}`);
        offset = next;
      }
    }
    return { earliest, latest, records };
  } finally {
    conn.close();
  }
}

const partitionDirsPresent = (dir: string) => PARTITIONS.filter((p) => fs.existsSync(path.join(dir, segDir(p))));

// ---- one case -----------------------------------------------------------------------------------

async function runCase(name: string, d: Damage | null, seed: number): Promise<string[]> {
  const t = template!;
  const exp = expectationFor(d, t, mulberry32(seed ^ 0x9e3779b9));
  const desc = `[${name}] ${d ? d.what : 'no damage'} — ${exp.note}`;
  const dir = tempDir('offsetscope-fd-');
  fs.cpSync(t.dir, dir, { recursive: true });
  if (d) fs.writeFileSync(path.join(dir, d.rel), d.damaged);
  let broker: TestBroker | undefined;
  try {
    try {
      // Auto-creation off: a client asking for a topic the broker lost must not re-create it
      // (and wipe its directories) under this test.
      broker = await startTestBroker({ dataDir: dir, logSegmentBytes: SEGMENT_BYTES, autoCreateTopicsEnable: false });
    } catch (e) {
      throw new Error(`the broker did not start: ${(e as Error).stack}`);
    }
    const b = broker;
    expect(partitionDirsPresent(dir), 'partition directories right after the start').toEqual(PARTITIONS);

    const meta = await withAdmin(b.address, (a) => a.fetchTopicMetadata({ topics: [TOPIC] }));
    const ids = (meta.topics.find((x) => x.name === TOPIC)?.partitions ?? []).map((x) => x.partitionId).sort((x, y) => x - y);
    if (d?.kind === 'topic metadata') expect(ids, 'partitions in Metadata').toEqual(expect.arrayContaining(PARTITIONS));
    else expect(ids, 'partitions in Metadata').toEqual(PARTITIONS);

    const served: Record<number, Served> = {};
    for (const p of PARTITIONS) {
      const e = exp.parts[p];
      const s = (served[p] = await readPartition(b.port, p));
      const where = `partition ${p} (served ${s.earliest}..${s.latest - 1})`;
      // Contiguous, from log-start to log-end.
      expect(
        s.records.map((r) => r.offset),
        `${where}: offsets served are not contiguous from log-start to log-end`,
      ).toEqual(Array.from({ length: Math.max(0, s.latest - s.earliest) }, (_, i) => s.earliest + i));
      // Every served record is the one produced at that offset; nothing new appeared.
      expect(s.latest, `${where}: log-end beyond the records produced`).toBeLessThanOrEqual(PER_PARTITION);
      const wrong = s.records.filter((r) => r.value !== valueOf(p, r.offset) || r.timestamp !== tsOf(r.offset));
      expect(
        wrong.slice(0, 3).map((r) => ({ offset: r.offset, value: r.value?.slice(0, 24), timestamp: r.timestamp })),
        `${where}: records served with other contents than produced (${wrong.length} in all)`,
      ).toEqual([]);
      // Log-start.
      expect(s.earliest, `${where}: log-start`).toBeGreaterThanOrEqual(e.earliestMin);
      expect(s.earliest, `${where}: log-start`).toBeLessThanOrEqual(e.earliestMax);
      // Every intact record is there.
      if (e.reqTo > e.reqFrom) {
        expect(s.earliest <= e.reqFrom && s.latest >= e.reqTo, `${where}: intact offsets ${e.reqFrom}..${e.reqTo - 1} must all be served`).toBe(true);
      }
      if (e.exactEnd) expect(s.latest, `${where}: log-end`).toBe(PER_PARTITION);
    }

    // ListOffsets by timestamp finds each sampled record again.
    const samples = [...new Set(PARTITIONS.flatMap((p) => exp.parts[p].tsSamples))].sort((x, y) => x - y);
    if (samples.length) {
      const answers = await withAdmin(b.address, async (a) => {
        const out: { offset: number; partition: number; got: number }[] = [];
        for (const o of samples) {
          const res = await a.fetchTopicOffsetsByTimestamp(TOPIC, tsOf(o));
          for (const p of PARTITIONS) {
            if (!exp.parts[p].tsSamples.includes(o)) continue;
            out.push({ offset: o, partition: p, got: Number(res.find((r) => r.partition === p)?.offset) });
          }
        }
        return out;
      });
      expect(
        answers.filter((x) => x.got !== x.offset),
        'ListOffsets by timestamp (expected offset → got)',
      ).toEqual([]);
    }

    // Fetching inside a damaged index entry's range returns the batch holding that offset.
    if (d?.probeOffsets) {
      const conn = await WireConnection.connect('127.0.0.1', b.port);
      try {
        for (const o of d.probeOffsets) {
          const part = await fetchOnce(conn, TOPIC, d.partition!, o, 4096);
          expect(part.errorCode, `fetch at ${o}`).toBe(0);
          const batches = splitBatches(Buffer.concat(part.records ?? []));
          expect(batches.length, `fetch at ${o} returned no batch`).toBeGreaterThan(0);
          const recs = await decodeRecordBatch(batches[0]);
          expect(recs[0].offset, `fetch at ${o}: first batch starts after the asked offset`).toBeLessThanOrEqual(o);
          expect(recs.find((r) => r.offset === o)?.value?.toString(), `fetch at ${o}`).toBe(valueOf(d.partition!, o));
        }
      } finally {
        conn.close();
      }
    }

    // The broker said what it repaired: a line naming the file (or its partition / topic)
    // that an undamaged unclean start does not print.
    const fresh = b.logs.map((l) => l.split(dir).join('<data>')).filter((l) => !baselineLogs.has(l));
    if (process.env.FILE_DAMAGE_VERBOSE) console.log(`${desc}\n  must log: ${exp.mustLog} (${exp.logNames.join(', ')})\n  ${fresh.join('\n  ') || '(no new log lines)'}`);
    if (exp.mustLog) {
      expect(
        fresh.some((l) => exp.logNames.some((n) => l.includes(n))),
        `a log line naming ${exp.logNames.join(' or ')}; the broker logged, beyond an undamaged start:\n${fresh.join('\n') || '(nothing)'}`,
      ).toBe(true);
    }

    // A new record lands right after the served log-end.
    const target = d?.partition ?? 0;
    const producer = kafka(b.address).producer();
    await producer.connect();
    let got: number;
    try {
      const [m] = await producer.send({ topic: TOPIC, messages: [{ partition: target, value: 'after-damage' }] });
      got = Number(m.baseOffset);
    } finally {
      await producer.disconnect();
    }
    expect(got, `partition ${target}: offset of a record produced after the restart`).toBe(served[target].latest);
    const conn = await WireConnection.connect('127.0.0.1', b.port);
    try {
      const part = await fetchOnce(conn, TOPIC, target, got);
      const recs = part.errorCode === 0 ? await decodeRecordBatch(splitBatches(Buffer.concat(part.records ?? []))[0]) : [];
      expect(recs.find((r) => r.offset === got)?.value?.toString(), `partition ${target}: the record produced after the restart`).toBe('after-damage');
    } finally {
      conn.close();
    }
    expect(partitionDirsPresent(dir), 'partition directories at the end').toEqual(PARTITIONS);
    return b.logs.map((l) => l.split(dir).join('<data>'));
  } catch (e) {
    if (e instanceof Error) e.message = `${desc}\n${e.message}`;
    throw e;
  } finally {
    if (broker) await broker.destroy();
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the boundary: damage below the recovery point ---------------------------------------------

const TRUSTED_SEED = fnv1a('closed segment below the recovery point/overwrite/0');

interface TrustedDamage extends Damage {
  segment: SegmentInfo;
  partition: number;
  /** Offsets [from, to) of the damaged segment that lie wholly before the first changed byte. */
  intactBefore: { from: number; to: number };
  /** Base offset of the segment after the damaged one: every record from there on must stay. */
  laterFrom: number;
}

/**
 * Overwrites a run of bytes in the second half of a closed segment wholly below the recovery
 * point (so some records of that segment lie before the damage).
 */
function belowRecoveryPointDamage(seed: number, t: Template): TrustedDamage {
  const rng = mulberry32(seed);
  const candidates = PARTITIONS.flatMap((p) => belowRecoveryPoint(t, p).filter((s) => s.batches[s.batches.length - 1].last >= t.start[p]));
  if (candidates.length === 0) throw new Error('no closed segment below the recovery point holds served records');
  const seg = candidates[randInt(rng, candidates.length)];
  const p = seg.partition;
  const original = fs.readFileSync(path.join(t.dir, seg.rel));
  const half = Math.floor(original.length / 2);
  const at = half + randInt(rng, original.length - half);
  const len = Math.min(1 + randInt(rng, 64), original.length - at);
  const damaged = Buffer.from(original);
  for (let i = 0; i < len; i++) damaged[at + i] = randInt(rng, 256);
  const segs = t.segments[p];
  const d: TrustedDamage = {
    kind: 'closed segment',
    mode: 'overwrite',
    rel: seg.rel,
    partition: p,
    segment: seg,
    original,
    damaged,
    at,
    what: `overwrote ${len} bytes of ${seg.rel} (${original.length} bytes, offsets ${seg.base}..${seg.batches[seg.batches.length - 1].last}; recovery point ${t.recovery[p]}) at ${at}: ${original.subarray(at, at + len).toString('hex')} -> ${damaged.subarray(at, at + len).toString('hex')}`,
    intactBefore: { from: 0, to: 0 },
    laterFrom: segs[segs.indexOf(seg) + 1].base,
  };
  const changed = firstEffectiveChange(d);
  const cutBase = changed === null ? d.laterFrom : seg.batches.find((b) => b.pos + b.size > changed)!.base;
  const from = Math.max(seg.base, t.start[p]);
  d.intactBefore = { from, to: Math.max(from, cutBase) };
  return d;
}

/** Records [from, to) of a partition, fetched batch by batch; nothing at or past `to` is decoded. */
async function readRange(port: number, p: number, from: number, to: number): Promise<Served['records']> {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    const records: Served['records'] = [];
    let offset = from;
    while (offset < to) {
      const part = await fetchOnce(conn, TOPIC, p, offset);
      if (part.errorCode !== 0) throw new Error(`partition ${p}: fetch at offset ${offset} answered error ${part.errorCode}`);
      const batches = splitBatches(Buffer.concat(part.records ?? []));
      if (batches.length === 0) throw new Error(`partition ${p}: fetch at offset ${offset} returned no batch`);
      for (const b of batches) {
        if (offset >= to) break;
        const base = Number(b.readBigInt64BE(0));
        const next = base + b.readInt32BE(23) + 1;
        if (next <= offset) throw new Error(`partition ${p}: the batch served for offset ${offset} ends at ${next - 1}`);
        let recs;
        try {
          recs = await decodeRecordBatch(b);
        } catch (e) {
          throw new Error(`partition ${p}: the batch served for offset ${offset} (base ${base}) does not decode: ${(e as Error).message}`);
        }
        for (const r of recs) if (r.offset >= offset && r.offset < to) records.push({ offset: r.offset, value: r.value?.toString() ?? null, timestamp: r.timestamp });
        offset = next;
      }
    }
    return records;
  } finally {
    conn.close();
  }
}

/**
 * Damage below the recovery point need not be found at start (the README's "What is not
 * promised"): only that the broker starts, keeps the topic and both partitions, and serves
 * unchanged every record after the damaged segment and every record before the damage in it.
 * What is served at or after the damage in that segment is not asserted.
 */
async function runTrustedCase(d: TrustedDamage): Promise<void> {
  const t = template!;
  const p = d.partition;
  const desc = `[below the recovery point] ${d.what} — offsets ${d.intactBefore.from}..${d.intactBefore.to - 1} of that segment lie before the damage; offsets ${d.laterFrom}..${PER_PARTITION - 1} are in later segments`;
  const dir = tempDir('offsetscope-fd-');
  fs.cpSync(t.dir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, d.rel), d.damaged);
  let broker: TestBroker | undefined;
  try {
    try {
      broker = await startTestBroker({ dataDir: dir, logSegmentBytes: SEGMENT_BYTES, autoCreateTopicsEnable: false });
    } catch (e) {
      throw new Error(`the broker did not start: ${(e as Error).stack}`);
    }
    const b = broker;
    expect(partitionDirsPresent(dir), 'partition directories right after the start').toEqual(PARTITIONS);
    const meta = await withAdmin(b.address, (a) => a.fetchTopicMetadata({ topics: [TOPIC] }));
    const ids = (meta.topics.find((x) => x.name === TOPIC)?.partitions ?? []).map((x) => x.partitionId).sort((x, y) => x - y);
    expect(ids, 'partitions in Metadata').toEqual(PARTITIONS);

    const check = (label: string, from: number, to: number, got: Served['records']) => {
      expect(
        got.map((r) => r.offset),
        `partition ${p}: ${label}: offsets ${from}..${to - 1} must all be served, in order`,
      ).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
      const wrong = got.filter((r) => r.value !== valueOf(p, r.offset) || r.timestamp !== tsOf(r.offset));
      expect(
        wrong.slice(0, 3).map((r) => ({ offset: r.offset, value: r.value?.slice(0, 24), timestamp: r.timestamp })),
        `partition ${p}: ${label}: records served with other contents than produced (${wrong.length} in all)`,
      ).toEqual([]);
    };
    const { from, to } = d.intactBefore;
    check('before the damage in the damaged segment', from, to, await readRange(b.port, p, from, to));
    check('in the segments after the damaged one', d.laterFrom, PER_PARTITION, await readRange(b.port, p, d.laterFrom, PER_PARTITION));
    if (process.env.FILE_DAMAGE_VERBOSE) {
      const fresh = b.logs.map((l) => l.split(dir).join('<data>')).filter((l) => !baselineLogs.has(l));
      console.log(`${desc}\n  ${fresh.join('\n  ') || '(no new log lines)'}`);
    }
    expect(partitionDirsPresent(dir), 'partition directories at the end').toEqual(PARTITIONS);
  } catch (e) {
    if (e instanceof Error) e.message = `${desc}\n${e.message}`;
    throw e;
  } finally {
    if (broker) await broker.destroy();
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the template -------------------------------------------------------------------------------

async function buildTemplate(): Promise<Template> {
  T0 = Date.now() - 3_600_000;
  const rng = mulberry32(0x0ff5e7);
  const next = [0, 0];
  /** Produces every partition's next records up to `upTo`, in batches of random sizes. */
  const produce = async (b: TestBroker, upTo: number) => {
    const producer = kafka(b.address).producer();
    await producer.connect();
    try {
      while (next.some((n) => n < upTo)) {
        const messages = PARTITIONS.flatMap((p) => {
          const count = Math.min(1 + randInt(rng, 20), upTo - next[p]);
          return Array.from({ length: count }, () => {
            const o = next[p]++;
            return { partition: p, value: valueOf(p, o), timestamp: String(tsOf(o)) };
          });
        });
        await producer.send({ topic: TOPIC, messages });
      }
    } finally {
      await producer.disconnect();
    }
  };

  // First half, DeleteRecords, clean stop: the checkpoint then holds each partition's log-end.
  const first = await startTestBroker({ logSegmentBytes: SEGMENT_BYTES });
  const dataDir = first.dataDir;
  let broker: TestBroker = first;
  let crashed = false;
  try {
    await withAdmin(broker.address, (a) => a.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }], waitForLeaders: true }));
    await produce(broker, FIRST_HALF);
    await withAdmin(broker.address, async (a) => {
      await a.fetchTopicMetadata({ topics: [TOPIC] }); // kafkajs finds leaders from loaded metadata
      await a.deleteTopicRecords({ topic: TOPIC, partitions: [{ partition: 1, offset: String(DELETED_BEFORE) }] });
    });
    await broker.close();

    // Second half on a restarted broker, then a stop as kill -9 leaves it.
    broker = await startTestBroker({ dataDir, port: first.port, logSegmentBytes: SEGMENT_BYTES });
    await produce(broker, PER_PARTITION);

    // The "before" picture, checked against what was produced.
    const start: Record<number, number> = { 0: 0, 1: DELETED_BEFORE };
    for (const p of PARTITIONS) {
      const recs = (await readAllRecords(broker.port, TOPIC, p)).filter((r) => r.offset >= start[p]);
      expect(recs.map((r) => r.offset)).toEqual(Array.from({ length: PER_PARTITION - start[p] }, (_, i) => start[p] + i));
      expect(recs.every((r) => r.value?.toString() === valueOf(p, r.offset) && r.timestamp === tsOf(r.offset))).toBe(true);
    }
    crashed = true;
    await broker.crash();
    expect(fs.existsSync(path.join(dataDir, '.clean-shutdown')), '.clean-shutdown after crash()').toBe(false);

    const points = parseCheckpoint(fs.readFileSync(path.join(dataDir, CHECKPOINT), 'utf8'));
    if (!points) throw new Error(`the template's ${CHECKPOINT} does not parse`);
    const recovery: Record<number, number> = {};
    for (const p of PARTITIONS) {
      const rp = points.get(`${TOPIC}\u0000${p}`);
      if (rp === undefined) throw new Error(`the template's ${CHECKPOINT} has no recovery point for ${TOPIC}-${p}`);
      recovery[p] = rp;
    }
    // The clean stop after the first half flushed everything; nothing rewrote the checkpoint since.
    expect(recovery, `recovery points in the template's ${CHECKPOINT}`).toEqual({ 0: FIRST_HALF, 1: FIRST_HALF });

    const segments: Record<number, SegmentInfo[]> = {};
    for (const p of PARTITIONS) segments[p] = scanSegments(dataDir, p);
    const t: Template = { dir: dataDir, segments, start, recovery };
    for (const p of PARTITIONS) {
      const past = pastRecoveryPoint(t, p).length;
      const below = belowRecoveryPoint(t, p).length;
      if (past < 3) throw new Error(`partition ${p} has ${past} closed segments past its recovery point ${recovery[p]}; the cases need several`);
      if (below < 1) throw new Error(`partition ${p} has no closed segment below its recovery point ${recovery[p]}`);
    }
    expect(fs.existsSync(path.join(dataDir, segDir(1), START_FILE)), `${segDir(1)}/${START_FILE} after DeleteRecords`).toBe(true);
    return t;
  } catch (e) {
    if (crashed) fs.rmSync(dataDir, { recursive: true, force: true });
    else await broker.destroy();
    throw e;
  }
}

// ---- the cases ----------------------------------------------------------------------------------

interface CaseSpec {
  name: string;
  kind: Kind;
  mode: 'truncate' | 'overwrite' | 'empty';
  seed: number;
}
const CASES: CaseSpec[] = [];
for (const kind of KINDS) {
  for (const mode of ['truncate', 'overwrite'] as const) {
    for (let i = 0; i < SEEDS_PER_CASE; i++) {
      const seed = fnv1a(`${kind}/${mode}/${i}`);
      CASES.push({ name: `${LABEL[kind] ?? kind}: ${mode} (seed ${hex(seed)})`, kind, mode, seed });
    }
  }
}
CASES.push({ name: `topic metadata: emptied (seed ${hex(fnv1a('topic metadata/empty'))})`, kind: 'topic metadata', mode: 'empty', seed: fnv1a('topic metadata/empty') });

describe('file damage after an unclean stop', () => {
  beforeAll(async () => {
    template = await buildTemplate();
    try {
      baselineLogs = new Set(await runCase('no damage', null, 1));
    } catch (e) {
      controlError = e;
    }
  }, 60_000);

  afterAll(() => {
    if (template) fs.rmSync(template.dir, { recursive: true, force: true });
  });

  it('no damage (control): an unclean start serves everything as before', () => {
    if (controlError) throw controlError;
  });

  for (const c of CASES) {
    it(c.name, async () => {
      await runCase(c.name, planDamage(c.kind, c.mode, c.seed, template!), c.seed);
    });
  }

  it('closed segment index: one entry pointing at a later batch of its range does not redirect a fetch', async () => {
    await runCase('plausible index entry', plausibleIndexDamage(template!), 7);
  });

  it(`closed segment below the recovery point (fsynced; trusted as Kafka does): the broker starts and serves what is intact (seed ${hex(TRUSTED_SEED)})`, async () => {
    await runTrustedCase(belowRecoveryPointDamage(TRUSTED_SEED, template!));
  });
});
