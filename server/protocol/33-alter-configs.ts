// AlterConfigs (key 33), v0–1 (v1: no wire change). Non-incremental: the listed configs
// replace the resource's whole set of overrides.
import { api, array, bool, int16, int32, int8, nullableString, string, struct } from './codec';

export const AlterConfigs = api({
  key: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  request: struct({
    resources: array(
      struct({
        resourceType: int8,
        resourceName: string,
        configs: array(struct({ name: string, value: nullableString })),
      }),
    ),
    validateOnly: bool,
  }),
  response: struct({
    throttleTimeMs: int32,
    responses: array(
      struct({
        errorCode: int16,
        errorMessage: nullableString,
        resourceType: int8,
        resourceName: string,
      }),
    ),
  }),
});
