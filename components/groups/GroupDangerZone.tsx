'use client';
// Deleting a group's committed offsets on one topic, or the whole group. The coordinator
// refuses both while members are active; the page says so before and shows its reason after.
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useDeleteGroup, useDeleteGroupOffsets } from '@/lib/queries/resets';
import { useScope } from '@/lib/queries/scope';
import { Button } from '../ui/Button';
import { SelectField } from '../ui/SelectField';
import { cx } from '../ui/cx';
import { Dialog } from '../ui/Dialog';
import { inputClass, labelClass } from '../ui/fields';
import { ErrorText, FieldHint, StatusText } from '../ui/Messages';

export function GroupDangerZone({ groupId, state, topics, canDeleteOffsets = true, canDeleteGroup = true }: { groupId: string; state: string; topics: string[]; canDeleteOffsets?: boolean; canDeleteGroup?: boolean }) {
  const id = useId();
  const router = useRouter();
  const { page } = useScope();
  const delGroup = useDeleteGroup(groupId);
  const delOffsets = useDeleteGroupOffsets(groupId);
  const [topic, setTopic] = useState(topics[0] ?? '');
  const [confirmTopic, setConfirmTopic] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const empty = state === 'Empty';

  return (
    <div className="grid gap-6 md:grid-cols-2">
      {canDeleteOffsets && (
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Delete the group&apos;s offsets on a topic</h3>
        <div className="flex flex-wrap items-end gap-2">
          <SelectField id={`${id}-topic`} label="Topic" value={topic} onChange={setTopic} choices={topics.map((t) => ({ value: t, label: t }))} />
          <Button variant="danger" disabled={!topic || delOffsets.isPending} onClick={() => setConfirmTopic(topic)}>
            Delete offsets
          </Button>
        </div>
        <FieldHint>The group then starts this topic where its consumers&apos; auto.offset.reset says. Refused while a member subscribes to the topic.</FieldHint>
        {delOffsets.isError && <ErrorText>{delOffsets.error.message}</ErrorText>}
        {delOffsets.isSuccess && <StatusText>The offsets of {groupId} on {delOffsets.variables} were deleted.</StatusText>}
      </div>
      )}
      {canDeleteGroup && (
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Delete the group</h3>
        <Button variant="danger" onClick={() => setOpen(true)} disabled={!empty}>
          Delete group
        </Button>
        <FieldHint>{empty ? 'Deletes the group and every offset it committed.' : `Only an Empty group can be deleted; this one is ${state}: stop its consumers first.`}</FieldHint>
        {delGroup.isError && <ErrorText>{delGroup.error.message}</ErrorText>}
      </div>
      )}

      <Dialog open={confirmTopic !== null} onClose={() => setConfirmTopic(null)} title={`Delete the offsets of ${groupId} on ${confirmTopic}?`}>
        <div className="space-y-3 text-sm">
          <p>Every committed offset of the group on this topic is deleted. This cannot be undone from here.</p>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirmTopic(null)}>Cancel</Button>
            <Button
              variant="danger"
              onClick={() => {
                if (confirmTopic) delOffsets.mutate(confirmTopic);
                setConfirmTopic(null);
              }}
            >
              Delete offsets
            </Button>
          </div>
        </div>
      </Dialog>
      <Dialog open={open} onClose={() => !delGroup.isPending && setOpen(false)} title={`Delete group ${groupId}?`} initialFocus={inputRef}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed !== groupId) return;
            delGroup.mutate(undefined, { onSuccess: () => router.push(page('/groups')), onSettled: () => setOpen(false) });
          }}
        >
          <p className="text-sm">The group and all its committed offsets will be deleted permanently.</p>
          <div>
            <label htmlFor={`${id}-confirm`} className={labelClass}>
              Type the group id to confirm
            </label>
            <input id={`${id}-confirm`} ref={inputRef} value={typed} onChange={(e) => setTyped(e.target.value)} className={cx(inputClass, 'mt-1 w-full font-mono')} autoComplete="off" spellCheck={false} />
          </div>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={typed !== groupId || delGroup.isPending}>
              Delete group permanently
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
