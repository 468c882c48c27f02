// Query keys, cluster first, so a mutation invalidates exactly the branch it changed.
// One cluster per dashboard for now; the id is there for the multi-cluster issue.
export const CLUSTER_ID = 'default';

export const keys = {
  cluster: () => ['clusters', CLUSTER_ID] as const,
  history: () => ['clusters', CLUSTER_ID, 'history'] as const,
  topics: () => ['clusters', CLUSTER_ID, 'topics'] as const,
  topicList: (params: Record<string, string | undefined>) => ['clusters', CLUSTER_ID, 'topics', 'list', params] as const,
  topic: (name: string) => ['clusters', CLUSTER_ID, 'topics', 'detail', name] as const,
  messages: (topic: string, query: Record<string, string | number | undefined>) =>
    ['clusters', CLUSTER_ID, 'topics', 'messages', topic, query] as const,
  groups: () => ['clusters', CLUSTER_ID, 'groups'] as const,
  groupList: (params: Record<string, string | undefined>) => ['clusters', CLUSTER_ID, 'groups', 'list', params] as const,
  group: (id: string) => ['clusters', CLUSTER_ID, 'groups', 'detail', id] as const,
  groupHistory: (id: string) => ['clusters', CLUSTER_ID, 'groups', 'history', id] as const,
  groupResets: (id: string) => ['clusters', CLUSTER_ID, 'groups', 'resets', id] as const,
  lab: (session: string) => ['clusters', CLUSTER_ID, 'lab', session] as const,
};

/** How often numbers on screen refresh (react-query pauses it in background tabs). */
export const REFRESH_MS = 3000;
