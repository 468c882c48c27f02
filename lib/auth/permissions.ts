// Who may do what: roles per cluster and the permissions each role carries. Pure, so that
// the server's checks and the browser's hiding of buttons are one rule.
//
// viewer   reads everything (message contents unless withheld from the role);
// operator also produces, uses the lab, resets offsets and deletes a group's offsets;
// admin    also creates, configures and deletes topics and groups and deletes records.
// An operator or admin grant may be limited to topic and group name patterns: its changes
// then apply only to matching names (reading stays open to the whole cluster).

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read',
  'readMessages',
  'produce',
  'useLab',
  'resetOffsets',
  'deleteGroupOffsets',
  'createTopic',
  'alterTopic',
  'deleteTopic',
  'deleteRecords',
  'deleteGroup',
  'viewAudit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ['read', 'readMessages'];
const OPERATOR: Permission[] = [...VIEWER, 'produce', 'useLab', 'resetOffsets', 'deleteGroupOffsets'];
const ADMIN: Permission[] = [...OPERATOR, 'createTopic', 'alterTopic', 'deleteTopic', 'deleteRecords', 'deleteGroup', 'viewAudit'];
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = { viewer: new Set(VIEWER), operator: new Set(OPERATOR), admin: new Set(ADMIN) };

/** Which names each change touches: the ones a grant's patterns limit (reads are never limited). */
const TOUCHES: Partial<Record<Permission, { topic: boolean; group: boolean }>> = {
  produce: { topic: true, group: false },
  useLab: { topic: true, group: true },
  resetOffsets: { topic: true, group: true },
  deleteGroupOffsets: { topic: true, group: true },
  createTopic: { topic: true, group: false },
  alterTopic: { topic: true, group: false },
  deleteTopic: { topic: true, group: false },
  deleteRecords: { topic: true, group: false },
  deleteGroup: { topic: false, group: true },
};

export interface Grant {
  role: Role;
  /** Name patterns (`*` any run of characters) the grant's changes are limited to; absent: every name. */
  topics?: string[];
  groups?: string[];
}

/** Grants by cluster id; `*` applies to every cluster. A person in several groups may hold several on one. */
export type Grants = Record<string, Grant | Grant[]>;

/**
 * What a change touches, for grants limited by name. A kind of name left out is not
 * checked here; one given as undefined (a change that cannot name it) fails a limited grant.
 */
export interface Target {
  topic?: string;
  group?: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** `*` matches any run of characters; everything else literally, the whole name. */
export function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = name.length - parts[parts.length - 1].length;
  for (const part of parts.slice(1, -1)) {
    const i = name.indexOf(part, at);
    if (i === -1 || i + part.length > end) return false;
    at = i + part.length;
  }
  return at <= end;
}

function allows(patterns: string[] | undefined, name: string | undefined): boolean {
  if (!patterns) return true;
  if (name === undefined) return false; // a limited grant cannot vouch for a change it cannot name
  return patterns.some((p) => matchesPattern(p, name));
}

/** The grants that apply on a cluster: its own and `*`'s. */
function grantsOn(grants: Grants, clusterId: string): Grant[] {
  const own = Object.hasOwn(grants, clusterId) ? grants[clusterId] : [];
  const all = clusterId !== '*' && Object.hasOwn(grants, '*') ? grants['*'] : [];
  return [own, all].flat();
}

export interface PermissionPolicy {
  /** Roles whose members do not see message contents (keys, values, headers). */
  withholdMessagesFrom: Role[];
}

/**
 * Whether grants allow `permission` on `clusterId` (for `target`, when the permission
 * changes something and a grant is limited by name). Any one grant that allows it suffices.
 */
export function can(grants: Grants, policy: PermissionPolicy, clusterId: string, permission: Permission, target: Target = {}): boolean {
  return grantsOn(grants, clusterId).some((g) => {
    if (!ROLE_PERMISSIONS[g.role].has(permission)) return false;
    if (permission === 'readMessages' && policy.withholdMessagesFrom.includes(g.role)) {
      // withheld from this role; a higher grant on the same cluster may still give it
      return false;
    }
    const touches = TOUCHES[permission];
    if (!touches) return true;
    // a name is checked when the target names its kind (`{group}` alone: the topics are checked one by one later)
    return (!touches.topic || !('topic' in target) || allows(g.topics, target.topic)) && (!touches.group || !('group' in target) || allows(g.groups, target.group));
  });
}

/** The highest role any grant gives on a cluster; null for none (no access at all). */
export function roleOn(grants: Grants, clusterId: string): Role | null {
  let best: Role | null = null;
  for (const g of grantsOn(grants, clusterId)) if (best === null || RANK[g.role] > RANK[best]) best = g.role;
  return best;
}

/**
 * What the browser may show as possible on a cluster: each permission some grant gives
 * for at least some names (the server still checks each change against its names).
 */
export function permissionsOn(grants: Grants, policy: PermissionPolicy, clusterId: string): Permission[] {
  return PERMISSIONS.filter((p) =>
    grantsOn(grants, clusterId).some((g) => ROLE_PERMISSIONS[g.role].has(p) && !(p === 'readMessages' && policy.withholdMessagesFrom.includes(g.role))),
  );
}
