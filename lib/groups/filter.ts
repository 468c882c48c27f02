// Server-side search, state filter and sort of the group list.
import type { GroupSummary, GroupsQuery } from '../contract/groups';

export function filterGroups(groups: GroupSummary[], q: GroupsQuery): GroupSummary[] {
  const needle = q.q?.trim().toLowerCase() ?? '';
  const dir = q.order === 'desc' ? -1 : 1;
  const key = q.sort ?? 'name';
  const rows = groups.filter((g) => (!needle || g.groupId.toLowerCase().includes(needle)) && (!q.state || g.state === q.state));
  const value = (g: GroupSummary): number | null => (key === 'lag' ? g.totalLag : key === 'timeLag' ? g.maxTimeLagMs : key === 'members' ? g.members : null);
  return rows.sort((a, b) => {
    if (key === 'name') return dir * a.groupId.localeCompare(b.groupId);
    const av = value(a);
    const bv = value(b);
    if (av === bv) return a.groupId.localeCompare(b.groupId);
    if (av === null) return 1; // unknown last, whichever the direction
    if (bv === null) return -1;
    return dir * (av - bv);
  });
}
