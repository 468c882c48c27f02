// DeleteGroups v0–2 (v1: no wire change; v2: flexible). Only an Empty group can go: NON_EMPTY_GROUP 68
// otherwise, GROUP_ID_NOT_FOUND 69 when unknown. Its offsets and metadata get tombstones in
// __consumer_offsets, so they stay gone after a restart.
import { DeleteGroups } from '../../protocol/42-delete-groups';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(req, ctx) {
    const mine = req.groupsNames.filter((g) => coordinates(ctx, g));
    const done = new Map(ctx.state.groups.deleteGroups(mine).map((r) => [r.groupId, r]));
    return { throttleTimeMs: 0, results: req.groupsNames.map((groupId) => done.get(groupId) ?? { groupId, errorCode: ErrorCode.NOT_COORDINATOR }) };
  },
});
