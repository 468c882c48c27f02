// ClusterClient against real peers: our broker in-process over real TCP (one node, and
// three nodes taken down and up with the broker's `down K` / `up K` commands), and plain
// TCP servers that accept and never answer (hung brokers). What is guarded: bootstrap
// brokers are dialled in parallel (a list of hung brokers costs one request timeout, not
// one each, and never delays a live one); a cluster where nobody answers is reported as
// ClusterUnreachableError within about one request timeout; and each broker's health
// follows the cluster metadata (down when it leaves it, up when it is back) while the
// other nodes keep serving.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Metadata } from '../../protocol/03-metadata';
import { ApiVersions } from '../../protocol/18-api-versions';
import { parseCommand } from '../../broker/control/commands';
import { startTestBroker, type TestBroker } from '../../../test/helpers/broker';
import { ClusterUnreachableError, isClusterUnreachable } from '../errors';
import { ClusterClient } from './cluster-client';

const clients: ClusterClient[] = [];
const servers: { close(): Promise<void> }[] = [];

function client(bootstrap: string[], opts: ConstructorParameters<typeof ClusterClient>[1] = {}): ClusterClient {
  const c = new ClusterClient(bootstrap, opts);
  clients.push(c);
  return c;
}

/** A TCP server that accepts connections and never writes a byte: a hung broker. */
async function hungServer(): Promise<string> {
  const accepted = new Set<net.Socket>();
  const server = net.createServer((s) => {
    accepted.add(s);
    s.on('error', () => {});
    s.on('close', () => accepted.delete(s));
    s.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({
    close: () =>
      new Promise<void>((r) => {
        for (const s of accepted) s.destroy();
        server.close(() => r());
      }),
  });
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

describe('bootstrap', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker();
  }, 30_000);
  afterAll(async () => {
    await broker?.destroy();
  });

  // Guards: bootstrap brokers are dialled at once and the first to answer serves. The hung
  // ones accept the connection and never answer ApiVersions, so each costs the full
  // request timeout (4 s by default); tried one after another the live broker at the end
  // of the list would answer after > 12 s.
  it('answers through the live broker at once when the brokers before it in the list hang', async () => {
    const bootstrap = [await hungServer(), await hungServer(), await hungServer(), broker.address];
    const c = client(bootstrap);
    const start = Date.now();
    const md = await c.metadata(null);
    const took = Date.now() - start;
    expect(took).toBeLessThan(3000);
    expect(md.brokers.map((b) => `${b.host}:${b.port}`)).toEqual([broker.address]);
    expect(md.clusterId).toBe(broker.state.clusterId);
    // and the next request goes straight to the broker that answered
    const again = Date.now();
    await c.metadata([]);
    expect(Date.now() - again).toBeLessThan(1000);
  });

  // Guards: a cluster where no bootstrap broker answers fails with ClusterUnreachableError
  // (what the API turns into 503) within about one request timeout: four hung brokers
  // tried in parallel, not 4 × 4 s.
  it('every bootstrap broker hung: metadata rejects with ClusterUnreachableError within about one request timeout', async () => {
    const bootstrap = [await hungServer(), await hungServer(), await hungServer(), await hungServer()];
    const c = client(bootstrap);
    const start = Date.now();
    const err = await c.metadata(null).then(
      () => null,
      (e: unknown) => e,
    );
    const took = Date.now() - start;
    expect(err).toBeInstanceOf(ClusterUnreachableError);
    expect(isClusterUnreachable(err)).toBe(true);
    // each hung broker is named with why
    for (const address of bootstrap) expect((err as Error).message).toContain(address);
    expect(took).toBeLessThan(5000);
  });
});

describe('broker health with three nodes', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ nodes: 3 });
  }, 30_000);
  afterAll(async () => {
    await broker?.destroy();
  });

  const addressOf = (id: number) => {
    const l = broker.nodes.find((n) => n.nodeId === id)!.listeners[0];
    return `${l.host}:${l.port}`;
  };
  const upOf = (c: ClusterClient) => c.brokerHealth().map((b) => [b.nodeId, b.up]);

  // Guards: brokerHealth()/brokerState() (the header's "down brokers" and /metrics'
  // broker_up) report a node down once the metadata leaves it out, keep it listed (with
  // its address and a reason), report it up again once the metadata has it back; and the
  // other nodes keep answering requests sent to them while one is down.
  it('down 1: node 1 reported down after a metadata refresh while nodes 0 and 2 keep answering; up 1: reported up again', async () => {
    const c = client([broker.address]);
    await c.metadata(null);
    expect(upOf(c)).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    // a link to each node, as the dashboard has after reading leaders on every node
    for (const id of [0, 1, 2]) expect((await c.toNode(id, ApiVersions, () => ({ clientSoftwareName: 'offsetscope-test', clientSoftwareVersion: '1' }))).errorCode).toBe(0);

    await broker.control(parseCommand('down 1'));
    try {
      const md = await c.metadata(null);
      expect(md.brokers.map((b) => b.nodeId)).toEqual([0, 2]);
      const one = c.brokerState(1);
      expect(one).toMatchObject({ nodeId: 1, address: addressOf(1), up: false });
      expect(one!.problem).toBeTruthy();
      expect(c.brokerState(0)?.up).toBe(true);
      expect(c.brokerState(2)?.up).toBe(true);
      expect(upOf(c)).toEqual([
        [0, true],
        [1, false],
        [2, true],
      ]);
      // requests to the live nodes still work; one to node 1 fails at once, not after a timeout
      for (const id of [0, 2]) {
        const res = await c.toNode(id, Metadata, () => ({ topics: [], allowAutoTopicCreation: false }));
        expect(res.brokers.map((b) => b.nodeId)).toEqual([0, 2]);
      }
      const start = Date.now();
      await expect(c.toNode(1, ApiVersions, () => ({ clientSoftwareName: 'offsetscope-test', clientSoftwareVersion: '1' }))).rejects.toSatisfy(isClusterUnreachable);
      expect(Date.now() - start).toBeLessThan(1000);
    } finally {
      await broker.control(parseCommand('up 1'));
    }

    const md = await c.metadata(null);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([0, 1, 2]);
    expect(c.brokerState(1)).toMatchObject({ nodeId: 1, up: true, problem: null });
    expect(upOf(c)).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    expect((await c.toNode(1, ApiVersions, () => ({ clientSoftwareName: 'offsetscope-test', clientSoftwareVersion: '1' }))).errorCode).toBe(0);
  });

  // Guards: the same when a request to node 1 failed during the outage (the dashboard
  // kept asking its leaders before it saw new metadata): that failure marks node 1 down,
  // and once node 1 is back and the metadata lists it again it must be reported up, not
  // down with the stale connection error.
  it('a request to node 1 failed while it was down: after up 1 and a metadata refresh it is reported up again', async () => {
    const c = client([broker.address]);
    await c.metadata(null);
    expect((await c.toNode(1, ApiVersions, () => ({ clientSoftwareName: 'offsetscope-test', clientSoftwareVersion: '1' }))).errorCode).toBe(0);

    await broker.control(parseCommand('down 1'));
    try {
      // the client's metadata still lists node 1: this request really dials it, and fails
      await expect(c.toNode(1, ApiVersions, () => ({ clientSoftwareName: 'offsetscope-test', clientSoftwareVersion: '1' }))).rejects.toSatisfy(isClusterUnreachable);
      expect(c.brokerState(1)?.up).toBe(false);
      await c.metadata(null);
      expect(c.brokerState(1)?.up).toBe(false);
    } finally {
      await broker.control(parseCommand('up 1'));
    }

    const md = await c.metadata(null);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([0, 1, 2]);
    expect(c.brokerState(1)).toMatchObject({ nodeId: 1, up: true, problem: null });
  });
});

describe('ApiVersions negotiation', () => {
  let capped: TestBroker | undefined;
  afterEach(async () => {
    await capped?.destroy();
    capped = undefined;
  });

  it('names offsetscope in ApiVersions v3 to a broker that serves it', async () => {
    capped = await startTestBroker();
    const c = client([capped.address]);
    await c.metadata(null);
    expect(capped.logs.some((l) => /is offsetscope \d+\.\d+\.\d+ \(client id/.test(l))).toBe(true);
    expect(capped.state.versionsSeen.get(18)).toEqual(new Set([3]));
  });

  it('falls back to the highest version an older broker names in its UNSUPPORTED_VERSION answer (Kafka < 2.4 serves ApiVersions 0–2)', async () => {
    capped = await startTestBroker({ apiVersionCaps: { 18: 2 } });
    const c = client([capped.address]);
    const md = await c.metadata(null);
    expect(md.brokers.length).toBe(1);
    // the v3 try was answered in v0 form (not counted as served), the retry went out as v2
    expect(capped.state.versionsSeen.get(18)).toEqual(new Set([2]));
    expect(capped.logs.some((l) => /is offsetscope/.test(l))).toBe(false);
  });
});
