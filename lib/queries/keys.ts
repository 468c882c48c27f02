// Query keys, cluster first, so a mutation invalidates exactly the branch it changed and
// two clusters never share a cached answer. Hooks get theirs from useScope().
export function keysFor(cluster: string) {
  return {
    cluster: () => ['clusters', cluster] as const,
    history: () => ['clusters', cluster, 'history'] as const,
    topics: () => ['clusters', cluster, 'topics'] as const,
    topicList: (params: Record<string, string | undefined>) => ['clusters', cluster, 'topics', 'list', params] as const,
    topic: (name: string) => ['clusters', cluster, 'topics', 'detail', name] as const,
    messages: (topic: string, query: Record<string, string | number | undefined>) => ['clusters', cluster, 'topics', 'messages', topic, query] as const,
    groups: () => ['clusters', cluster, 'groups'] as const,
    groupList: (params: Record<string, string | undefined>) => ['clusters', cluster, 'groups', 'list', params] as const,
    group: (id: string) => ['clusters', cluster, 'groups', 'detail', id] as const,
    groupHistory: (id: string) => ['clusters', cluster, 'groups', 'history', id] as const,
    groupResets: (id: string) => ['clusters', cluster, 'groups', 'resets', id] as const,
    lab: (session: string) => ['clusters', cluster, 'lab', session] as const,
  };
}
export type Keys = ReturnType<typeof keysFor>;

/** How often numbers on screen refresh (react-query pauses it in background tabs). */
export const REFRESH_MS = 3000;
