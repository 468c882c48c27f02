// The server-side assignors a KIP-848 consumer group may ask for by name (ServerAssignor in
// ConsumerGroupHeartbeat, group.consumer.assignors on the broker).
import type { Assignor } from './assignor';
import { range } from './range';
import { uniform } from './uniform';

export const ASSIGNORS: Record<string, Assignor> = { uniform, range };

/** Own-property lookup, so names like "constructor" or "__proto__" are not mistaken for assignors. */
export function assignorNamed(name: string): Assignor | undefined {
  return Object.prototype.hasOwnProperty.call(ASSIGNORS, name) ? ASSIGNORS[name] : undefined;
}
