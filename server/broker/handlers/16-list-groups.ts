// ListGroups v0–5. v1: throttle time; v2: no wire change; v3: flexible; v4: a states filter
// (matched case-insensitively, trimmed, as Kafka's coordinator does) and each group's state
// in the answer; v5: a types filter and each group's type, "classic" or "consumer" (KIP-848),
// matched in any case (an unknown type matches nothing, as Kafka's GroupType.parse makes it
// UNKNOWN). An empty filter does not filter. Each node lists the groups it coordinates (as
// Kafka's brokers do), with its protocol type ("consumer", or "" for groups that only
// commit offsets; a KIP-848 group's is "consumer").
import { ListGroups } from '../../protocol/16-list-groups';
import { coordinates, handler } from './types';

export default handler({
  api: ListGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const states = new Set((req.statesFilter ?? []).map((s) => s.trim().toLowerCase()));
    const types = new Set((req.typesFilter ?? []).map((t) => t.toLowerCase()));
    const groups = ctx.state.groups
      .list()
      .filter((g) => coordinates(ctx, g.groupId))
      .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
      .filter((g) => types.size === 0 || types.has(g.type))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: g.type }));
    return { throttleTimeMs: 0, errorCode: 0, groups };
  },
});
