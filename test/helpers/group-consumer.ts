// A kafkajs group consumer as its own process, so a test can kill it with SIGKILL (no
// LeaveGroup, no last commit) and watch the group notice through the session timeout.
// Run: node --import tsx test/helpers/group-consumer.ts <broker> <group> <topic> <sessionTimeoutMs>
// Prints one JSON line per event to stdout:
//   {"event":"ready"}                              connected and subscribed
//   {"event":"assigned","partitions":[0,3]}        after every completed rebalance
//   {"event":"message","partition":p,"offset":o}   per record (before its offset is committed)
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const [address, groupId, topic, session] = process.argv.slice(2);
const out = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

const k = new Kafka({ clientId: 'group-consumer-child', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
const consumer = k.consumer({
  groupId,
  sessionTimeout: Number(session),
  rebalanceTimeout: 10_000,
  heartbeatInterval: 200,
  maxWaitTimeInMs: 100,
  retry: { retries: 10, initialRetryTime: 100 },
});
consumer.on(consumer.events.GROUP_JOIN, (e) => {
  const mine = (e.payload.memberAssignment as Record<string, number[]>)[topic] ?? [];
  out({ event: 'assigned', partitions: [...mine].sort((a, b) => a - b) });
});
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    out({ event: 'message', partition, offset: Number(message.offset) });
  },
});
out({ event: 'ready' });
const stop = async () => {
  await consumer.disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
