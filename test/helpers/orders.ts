// A 6-partition topic of 5,000 JSON orders (`{i, amount, note}` keyed customer-0…12), for
// the search tests: what was produced is answered, so a test checks a filter's matches
// against the data rather than against the server's own reading of it.
import { kafka } from './kafkajs';

export interface Order {
  i: number;
  key: string;
  amount: number;
}

export async function seedOrders(brokerAddress: string, topic = 'orders'): Promise<Order[]> {
  const admin = kafka(brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const orders = Array.from({ length: 5000 }, (_, i) => ({ i, key: `customer-${i % 13}`, amount: (i * 37) % 2000 }));
  const producer = kafka(brokerAddress).producer();
  await producer.connect();
  for (let from = 0; from < orders.length; from += 1000) {
    await producer.send({ topic, messages: orders.slice(from, from + 1000).map((o) => ({ key: o.key, value: JSON.stringify({ i: o.i, amount: o.amount, note: 'an order' }) })) });
  }
  await producer.disconnect();
  return orders;
}
