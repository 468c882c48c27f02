'use client';
// Delete the topic, after typing its name. Then back to the list.
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useScope } from '@/lib/queries/scope';
import { useDeleteTopic } from '@/lib/queries/topics';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { ErrorText } from '../ui/Messages';
import { inputClass, labelClass } from '../ui/fields';

export function DeleteTopic({ topic, groups }: { topic: string; groups: number }) {
  const id = useId();
  const router = useRouter();
  const { page } = useScope();
  const del = useDeleteTopic(topic);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = typed === topic;
  const inputRef = useRef<HTMLInputElement>(null);

  function close() {
    if (del.isPending) return;
    setOpen(false);
    setTyped('');
    del.reset();
  }

  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Deletes the topic, every partition and every record in it. This cannot be undone.</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete topic
      </Button>
      <Dialog open={open} onClose={close} title={`Delete topic ${topic}?`} initialFocus={inputRef}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!matches || del.isPending) return;
            del.mutate(undefined, { onSuccess: () => router.push(page(`/topics?deleted=${encodeURIComponent(topic)}`)) });
          }}
          className="space-y-3"
        >
          <p className="text-sm">
            The topic <code className="font-mono break-all">{topic}</code>, its partitions and all their records will be deleted permanently
            {groups > 0 ? `; ${groups} consumer group${groups === 1 ? '' : 's'} with committed offsets on it will have nothing left to read` : ''}.
          </p>
          <div>
            <label htmlFor={`${id}-confirm`} className={labelClass}>
              Type the topic name to confirm
            </label>
            <input
              id={`${id}-confirm`}
              ref={inputRef}
              className={inputClass + ' mt-1 w-full font-mono'}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={topic}
            />
          </div>
          {del.isError && <ErrorText>{del.error.message}</ErrorText>}
          <div className="flex justify-end gap-2">
            <Button onClick={close} disabled={del.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches || del.isPending}>
              Delete topic permanently
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
