// AlterConfigs (key 33), v0–2. v1: no wire change; v2: flexible. Non-incremental: the listed
// configs replace the resource's whole set of overrides (IncrementalAlterConfigs, key 44,
// changes only the keys it names).
import { api, array, bool, int16, int32, int8, nullableString, string, struct } from './codec';

/** One outcome per resource; IncrementalAlterConfigs answers in the same shape (its schema's fields are the same). */
export const alterConfigsResponse = struct({
  throttleTimeMs: int32,
  responses: array(
    struct({
      errorCode: int16,
      errorMessage: nullableString,
      resourceType: int8,
      resourceName: string,
    }),
  ),
});

export const AlterConfigs = api({
  key: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleSince: 2,
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
  response: alterConfigsResponse,
});
