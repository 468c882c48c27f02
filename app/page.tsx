// The overview screen arrives with the dashboard issue; until then the page says where
// the cluster is so `npm start` shows something true.
export const dynamic = 'force-dynamic';

export default function Home() {
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const mode = process.env.OFFSETSCOPE_MODE ?? 'embedded';
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">offsetscope</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Cluster: <code>{brokers}</code> ({mode})
      </p>
      <p className="mt-4">
        Point any Kafka client at it, for example <code>kcat -b {brokers} -L</code>.
      </p>
    </main>
  );
}
