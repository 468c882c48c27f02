'use client';
// /topics: search (debounced, on the server), internal topics on demand, server-side
// sort, a virtualized table, and the create form (hidden in read-only mode).
import { useCan } from '@/lib/queries/auth';
import { ScopedLink } from '../ui/ScopedLink';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '@/lib/format';
import { useTopics } from '@/lib/queries/topics';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { ErrorText, StatusText } from '../ui/Messages';
import { SearchField } from '../ui/SearchField';
import { UpdatedAgo } from '../ui/UpdatedAgo';
import { useDebounced } from '../ui/useDebounced';
import { CreateTopicForm } from './CreateTopicForm';
import { TopicsTable, type SortKey, type SortOrder } from './TopicsTable';

export function TopicsView() {
  const canWrite = useCan()('createTopic');

  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [internal, setInternal] = useState(false);
  const [sort, setSort] = useState<SortKey>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const topics = useTopics({ q: q || undefined, internal: internal ? 'true' : undefined, sort, order });

  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'created' | 'deleted'; name: string } | null>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasCreating = useRef(false);

  // /topics?create=1 opens the form (the overview links here); ?deleted=x says a topic went.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get('create') === '1') setCreating(true);
    const deleted = params.get('deleted');
    if (deleted) setNotice({ kind: 'deleted', name: deleted });
    if (params.has('create') || params.has('deleted')) window.history.replaceState(null, '', '/topics');
  }, []);

  // Focus goes back to "Create topic" when the form closes.
  useEffect(() => {
    if (wasCreating.current && !creating) openerRef.current?.focus();
    wasCreating.current = creating;
  }, [creating]);

  function onSort(key: SortKey) {
    if (key === sort) setOrder((o) => (o === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(key);
      setOrder('asc');
    }
  }

  const data = topics.data;
  const filtering = q !== '';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h1 className="text-xl font-semibold">Topics</h1>
          <UpdatedAgo at={topics.dataUpdatedAt} failed={topics.isError} />
        </div>
        {canWrite && !creating && (
          <Button ref={openerRef} variant="primary" onClick={() => setCreating(true)}>
            Create topic
          </Button>
        )}
      </div>

      {notice && (
        <StatusText className="flex items-center justify-between gap-3">
          <span>
            {notice.kind === 'created' ? (
              <>
                Topic{' '}
                <ScopedLink href={`/topics/${encodeURIComponent(notice.name)}`} className="font-medium underline">
                  {notice.name}
                </ScopedLink>{' '}
                created.
              </>
            ) : (
              <>Topic {notice.name} deleted.</>
            )}
          </span>
          <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
            Dismiss
          </Button>
        </StatusText>
      )}

      {canWrite && creating && (
        <Card>
          <CreateTopicForm
            onCancel={() => setCreating(false)}
            onCreated={(name) => {
              setCreating(false);
              setNotice({ kind: 'created', name });
            }}
          />
        </Card>
      )}

      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <SearchField label="Search topics" value={search} onChange={setSearch} />
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          Show internal topics
        </label>
        {data && (
          <p className="ml-auto text-sm text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="polite" data-testid="topic-count">
            {`${formatCount(data.topics.length)} of ${formatCount(data.total)} topics`}
          </p>
        )}
      </div>

      {!data && topics.isError && <ErrorText>The topics could not be loaded: {topics.error.message}</ErrorText>}
      {!data && !topics.isError && <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading topics…</p>}
      {data && (
        <TopicsTable
          topics={data.topics}
          sort={sort}
          order={order}
          onSort={onSort}
          empty={filtering ? `No topic name contains “${q}”.` : internal ? 'The cluster has no topics.' : 'No topics yet (internal topics are hidden).'}
        />
      )}
    </div>
  );
}
