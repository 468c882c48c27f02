import { ScopedLink } from '../ui/ScopedLink';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';

export function TopicNotFound({ name }: { name: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900" data-testid="topic-not-found">
      <h1 className="text-lg font-semibold break-all">Topic {name} does not exist</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">It may have been deleted, or the name is misspelled (names are case-sensitive).</p>
      <ScopedLink href="/topics" className={cx('mt-4 inline-block rounded text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}>
        ← Back to topics
      </ScopedLink>
    </div>
  );
}
