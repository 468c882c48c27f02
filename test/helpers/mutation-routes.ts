// Every route that changes something, with a body it accepts: tests that check a change is
// refused (read-only mode, a role without the permission) call them all. A route added to
// app/api without a line here fails test/api/auth-api.test.ts's check of the list.
export type Mutation = [method: string, path: string, body: unknown];

/** Routes that take a POST but only read (their input does not fit a URL): not refused in read-only mode. */
export const READS_SENT_AS_POST = ['POST /api/topics/[topic]/search'];

export function mutationRoutes(topic: string, group: string): Mutation[] {
  const t = encodeURIComponent(topic);
  const g = encodeURIComponent(group);
  return [
    ['POST', '/api/topics', { name: `${topic}-new`, partitions: 1, replicationFactor: 1 }],
    ['PATCH', `/api/topics/${t}/configs`, { configs: {} }],
    ['POST', `/api/topics/${t}/partitions`, { count: 2 }],
    ['POST', `/api/topics/${t}/delete-records`, { partitions: [{ partition: 0, beforeOffset: 0 }] }],
    ['DELETE', `/api/topics/${t}`, undefined],
    ['POST', '/api/demo', {}],
    ['POST', `/api/topics/${t}/messages`, { value: 'x' }],
    ['POST', `/api/groups/${g}/reset`, { strategy: 'to-earliest', scope: { topics: [topic] }, dryRun: false }],
    ['DELETE', `/api/groups/${g}`, undefined],
    ['DELETE', `/api/groups/${g}/offsets?topic=${t}`, undefined],
    ['POST', '/api/lab/members', { session: 'refused-session', topic, groupId: group }],
    ['POST', '/api/lab/members/no-such-member', { action: 'poll', max: 1 }],
    ['DELETE', '/api/lab/sessions/refused-session', undefined],
  ];
}
