// librdkafka 2.12 (built from the node-rdkafka 3.6.1 package's bundled sources into tools/,
// see scripts/build-librdkafka-tests.sh) as the independent client of our flexible versions:
// scripts/rdkafka-check.c creates a topic, sets a config, describes the topic's and the
// broker's configs, produces, consumes in a classic group, commits, reads the commit back and
// lists groups. librdkafka negotiates the highest version both sides serve, so its protocol
// debug log ("Sent XRequest (vN, …)") says which versions were used: every API where both
// serve a flexible version must have gone out flexible, and every outcome must be right.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { advertised } from '../../server/broker/handlers/index';
import { apis } from '../../server/protocol/index';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { run } from '../helpers/exec';

const root = path.resolve(import.meta.dirname, '../..');
const check = path.join(root, 'tools/librdkafka/rdkafka-check');

/**
 * The highest version of each API librdkafka 2.12 sends (from its sources: the
 * rd_kafka_broker_ApiVersion_supported calls in src/rdkafka_request.c, rdkafka_admin.c,
 * rdkafka_msgset_writer.c), for the APIs this walk uses.
 */
const LIBRDKAFKA_MAX: Record<string, number> = {
  ApiVersions: 3,
  Metadata: 13,
  Produce: 10,
  Fetch: 16,
  ListOffsets: 7,
  FindCoordinator: 2,
  JoinGroup: 5,
  SyncGroup: 3,
  Heartbeat: 3,
  LeaveGroup: 1,
  OffsetCommit: 9,
  OffsetFetch: 9,
  CreateTopics: 4,
  DescribeConfigs: 1,
  IncrementalAlterConfigs: 1,
  ListGroups: 5,
};

let broker: TestBroker;
beforeAll(async () => {
  // builds the client (and librdkafka) when missing: .ci/run does it first
  execFileSync('bash', [path.join(root, 'scripts/build-librdkafka-tests.sh')], { stdio: 'inherit', timeout: 900_000 });
  broker = await startTestBroker();
}, 900_000);
afterAll(async () => {
  await broker?.destroy();
});

it('librdkafka 2.12 creates, configures, describes, produces, consumes in a classic group and commits, in the newest versions both sides serve', { timeout: 120_000 }, async () => {
  expect(fs.existsSync(check)).toBe(true);
  const r = await run(check, [broker.address, 'flex-orders', 'flex-group', '20'], { timeoutMs: 100_000 });
  const out = r.stdout;
  expect(r.code, `${out}\n${r.stderr.slice(-4000)}`).toBe(0);
  expect(out).toMatch(/^librdkafka 2\.12\./m);

  // what a user would check
  expect(out).toContain('created flex-orders NO_ERROR');
  expect(out).toContain('altered NO_ERROR flex-orders');
  expect(out).toMatch(/^config TOPIC flex-orders retention\.ms=3600000 source=DYNAMIC_TOPIC_CONFIG$/m);
  expect(out).toMatch(/^config TOPIC flex-orders compression\.type=producer source=DEFAULT_CONFIG$/m);
  expect(out).toMatch(/^config BROKER 0 default\.replication\.factor=1 /m);
  expect(out).toMatch(/^config BROKER 0 advertised\.listeners=/m);
  expect(out).toContain('delivered 20 failed 0');
  expect(out).toContain('consumed 20');
  const committed = [...out.matchAll(/^committed flex-orders (\d+) (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(committed.map(([p]) => p).sort()).toEqual([0, 1, 2]);
  expect(committed.reduce((sum, [, o]) => sum + o, 0)).toBe(20); // every record consumed is committed
  expect(out).toMatch(/^group flex-group Empty Classic$/m);
  expect(out).toContain('done');

  // which versions it negotiated: the highest both serve, flexible wherever both have one
  const sent = new Map<string, number>();
  // librdkafka names its requests as Kafka does, except ApiVersions ("ApiVersionRequest") and
  // IncrementalAlterConfigs ("IncrementalAlterConfigsRequestRequest")
  const named = (n: string) => (n === 'ApiVersion' ? 'ApiVersions' : n.replace(/Request$/, ''));
  for (const m of r.stderr.matchAll(/Sent (\w+)Request \(v(\d+),/g)) sent.set(named(m[1]), Math.max(sent.get(named(m[1])) ?? -1, Number(m[2])));
  const ours = new Map(advertised.map((a) => [apis[a.apiKey as keyof typeof apis].name, a.maxVersion]));
  const flexibleSince = new Map(Object.values(apis).map((s) => [s.name, s.flexibleSince]));
  const wentFlexible: string[] = [];
  for (const [name, theirMax] of Object.entries(LIBRDKAFKA_MAX)) {
    const v = sent.get(name);
    expect(v, `librdkafka sent no ${name}; it sent ${[...sent].map(([n, x]) => `${n} v${x}`).join(', ')}`).toBeDefined();
    expect(`${name} v${v}`).toBe(`${name} v${Math.min(theirMax, ours.get(name)!)}`);
    const flex = flexibleSince.get(name);
    if (flex !== undefined && v! >= flex) wentFlexible.push(name);
  }
  // the flexible versions both serve (librdkafka has none of JoinGroup/SyncGroup/Heartbeat/LeaveGroup/CreateTopics/DescribeConfigs/FindCoordinator's)
  expect(wentFlexible.sort()).toEqual(['ApiVersions', 'Fetch', 'IncrementalAlterConfigs', 'ListGroups', 'ListOffsets', 'Metadata', 'OffsetCommit', 'OffsetFetch', 'Produce'].sort());
});
