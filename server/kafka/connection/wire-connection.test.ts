// WireConnection's request timeouts against real peers: our broker over real TCP (which
// answers each connection's requests strictly in order and parks a Fetch until min_bytes
// or max_wait), and a plain TCP server that accepts and never answers (a hung broker).
// What is guarded: a timed-out request fails alone and leaves a live connection usable
// (the late answer it was waiting for is dropped by correlation id, not handed to the next
// request); a request's timeout counts from when it is written, not from when it was
// queued behind `maxInFlight`; and a connection on which nothing at all arrived since the
// timed-out request went out is closed, failing every other request on it at once.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fetch } from '../../protocol/01-fetch';
import { Metadata } from '../../protocol/03-metadata';
import { ApiVersions } from '../../protocol/18-api-versions';
import { startTestBroker, type TestBroker } from '../../../test/helpers/broker';
import { fetchRequest } from '../routing/fetch-request';
import { RequestTimeoutError, WireConnection } from './wire-connection';

const TOPIC = 'wire-timeouts';
let broker: TestBroker;
const open: WireConnection[] = [];
const servers: { close(): Promise<void> }[] = [];

async function connect(opts: Parameters<typeof WireConnection.connect>[2] = {}): Promise<WireConnection> {
  const c = await WireConnection.connect(broker.host, broker.port, { timeoutMs: 10_000, ...opts });
  open.push(c);
  return c;
}

/** A Fetch of the empty partition's end with min_bytes 1: the broker parks it for `maxWaitMs`. */
const longPoll = (maxWaitMs: number) => fetchRequest([{ topic: TOPIC, partitions: [{ partition: 0, offset: 0, maxBytes: 1 << 20 }] }], { maxWaitMs, minBytes: 1 });
const metadataOf = (topic: string) => ({ topics: [{ name: topic }], allowAutoTopicCreation: false });

/** A TCP server that accepts connections and never writes a byte: a hung broker. */
async function hungServer(): Promise<{ port: number; accepted: net.Socket[]; peerClosed: number; close(): Promise<void> }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => {
    accepted.push(s);
    s.on('error', () => {});
    s.on('close', () => handle.peerClosed++);
    s.resume(); // read and discard whatever comes
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const handle = {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    /** Accepted connections that have closed since. */
    peerClosed: 0,
    close: () =>
      new Promise<void>((r) => {
        for (const s of accepted) s.destroy();
        server.close(() => r());
      }),
  };
  servers.push(handle);
  return handle;
}

beforeAll(async () => {
  broker = await startTestBroker();
  // the topic the long polls wait on (empty: a Fetch at offset 0 with min_bytes 1 parks)
  const c = await connect();
  const md = await c.request(Metadata, 6, { topics: [{ name: TOPIC }], allowAutoTopicCreation: true });
  expect(md.topics[0].errorCode).toBe(0);
  c.close();
}, 30_000);
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  await broker?.destroy();
});

describe('WireConnection request timeouts', () => {
  // Guards: a timed-out request fails alone (RequestTimeoutError) and the connection stays
  // open when frames did arrive after it was written; the answer it no longer waits for
  // arrives later and is dropped by correlation id, so the next request on the connection
  // gets its own answer. If the late Fetch frame were handed to the Metadata (or the
  // connection closed on the timeout), the Metadata below would fail or decode garbage.
  it('a timed-out long poll fails alone; the connection stays open and the next request gets its own answer', async () => {
    const conn = await connect();
    // Pipelined in the same tick: the Fetch is written before the first Metadata's answer
    // can arrive, so a frame arrives on the connection after the Fetch went out (the
    // code's rule for "the peer is alive"; with no frame at all it would close the connection).
    const first = conn.request(Metadata, 6, metadataOf(TOPIC));
    const sentAt = Date.now();
    const fetch = conn.request(Fetch, 11, longPoll(1500), 300);
    const fetchFailure = fetch.then(
      () => null,
      (e: Error) => ({ e, after: Date.now() - sentAt }),
    );
    expect((await first).topics[0].name).toBe(TOPIC);

    const failed = await fetchFailure;
    expect(failed?.e).toBeInstanceOf(RequestTimeoutError);
    expect(failed!.after).toBeLessThan(1200); // its own 300 ms timeout, not the broker's 1500 ms wait
    expect(conn.closed).toBe(false);

    // The broker answers in order: this Metadata is answered only after the parked Fetch
    // (whose late answer then arrives first and must be dropped, not given to this one).
    const md = await conn.request(Metadata, 6, metadataOf(TOPIC));
    const answeredAfter = Date.now() - sentAt;
    expect(answeredAfter).toBeGreaterThan(1000); // proof the late Fetch answer came first
    expect(md.brokers.map((b) => b.port)).toEqual([broker.port]);
    expect(md.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([[TOPIC, 0, 1]]);
    expect(conn.closed).toBe(false);
    expect(conn.load).toEqual({ inFlight: 0, queued: 0 });

    // and the connection keeps working after that
    const versions = await conn.request(ApiVersions, 0, {});
    expect(versions.errorCode).toBe(0);
  });

  // Guards: the timeout starts when the request is written, not when it is queued. With
  // maxInFlight 1 the Metadata waits ~1 s behind a parked Fetch; its 700 ms timeout must
  // not run while it waits (counting from the queueing it would fail at 700 ms).
  it('counts the timeout from sending: a request queued behind a long poll longer than its timeout still succeeds', async () => {
    const conn = await connect({ maxInFlight: 1 });
    const start = Date.now();
    const fetch = conn.request(Fetch, 11, longPoll(1000), 10_000).then((r) => ({ r, after: Date.now() - start }));
    const metadata = conn.request(Metadata, 6, metadataOf(TOPIC), 700).then((r) => ({ r, after: Date.now() - start }));
    expect(conn.load).toEqual({ inFlight: 1, queued: 1 }); // the Metadata is queued, not on the wire

    const [f, m] = await Promise.all([fetch, metadata]);
    expect(f.r.responses[0].partitions[0].errorCode).toBe(0);
    expect(f.after).toBeGreaterThan(800); // the Fetch really waited out its max wait
    expect(m.r.topics[0].name).toBe(TOPIC);
    expect(m.after).toBeGreaterThan(800); // queued for longer than its own 700 ms timeout, yet answered
    expect(conn.closed).toBe(false);
  });

  // Guards: the "dead peer" rule. When a request times out and no frame at all arrived on
  // the connection since it was written, the connection is closed: the timed-out request
  // fails with RequestTimeoutError, the others in flight and queued fail at once (instead of
  // each waiting out its own timeout), later requests fail immediately, and the socket is
  // really destroyed (the peer sees it close).
  it('a peer that never answers: the request times out and the connection is closed with everything on it', async () => {
    const hung = await hungServer();
    const conn = await WireConnection.connect('127.0.0.1', hung.port, { timeoutMs: 10_000, maxInFlight: 2 });
    open.push(conn);
    let closedSeen = false;
    conn.onClose(() => (closedSeen = true));

    const start = Date.now();
    const settle = (p: Promise<unknown>) =>
      p.then(
        () => ({ ok: true as const, after: Date.now() - start, e: null }),
        (e: Error) => ({ ok: false as const, after: Date.now() - start, e }),
      );
    const short = settle(conn.request(ApiVersions, 0, {}, 400));
    const long = settle(conn.request(ApiVersions, 0, {}, 20_000)); // in flight, long timeout
    const queued = settle(conn.request(ApiVersions, 0, {}, 20_000)); // beyond maxInFlight 2
    expect(conn.load).toEqual({ inFlight: 2, queued: 1 });

    const s = await short;
    expect(s.ok).toBe(false);
    expect(s.e).toBeInstanceOf(RequestTimeoutError);
    expect(s.after).toBeGreaterThanOrEqual(350);

    // the others fail with the connection, long before their own 20 s timeouts
    const [l, q] = await Promise.all([long, queued]);
    for (const r of [l, q]) {
      expect(r.ok).toBe(false);
      expect(r.e).not.toBeInstanceOf(RequestTimeoutError);
      expect(r.e!.message).toMatch(/no answer on the connection for 400 ms/);
      expect(r.after).toBeLessThan(3000);
    }
    expect(conn.closed).toBe(true);
    expect(conn.load).toEqual({ inFlight: 0, queued: 0 });
    await expect(conn.request(ApiVersions, 0, {})).rejects.toThrow(/no answer on the connection/);

    // the socket is really gone: our side saw it close and so did the peer
    const deadline = Date.now() + 5000;
    while ((!closedSeen || hung.peerClosed < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(closedSeen).toBe(true);
    expect(hung.accepted).toHaveLength(1);
    expect(hung.peerClosed).toBe(1);
  });
});
