// ApiVersions (key 18). v0: error + api ranges; v1: throttle time; v2: same as v1; v3
// (flexible, KIP-511): the client names its software and version, and the answer may carry
// features in tagged fields. Whatever the version, the answer goes out with response header
// v0 (server/protocol/header.ts), and a version the broker does not know is answered in v0
// form with UNSUPPORTED_VERSION and the broker's own ApiVersions range, so that a client can
// always read it and retry lower.
import { api, array, bool, int16, int32, int64, optional, since, string, struct, tagged } from './codec';

export const apiVersionRange = struct({
  apiKey: int16,
  minVersion: int16,
  maxVersion: int16,
});

const supportedFeature = struct({ name: string, minVersion: int16, maxVersion: int16 });
const finalizedFeature = struct({ name: string, maxVersionLevel: int16, minVersionLevel: int16 });

export const ApiVersions = api({
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  flexibleSince: 3,
  request: struct({
    /** v3+: e.g. "librdkafka", "apache-kafka-java". */
    clientSoftwareName: optional(3, Infinity, string, ''),
    clientSoftwareVersion: optional(3, Infinity, string, ''),
  }),
  response: struct({
    errorCode: int16,
    apiKeys: array(apiVersionRange),
    throttleTimeMs: since(1, int32, 0),
    /** v3+ tagged: the features a KRaft broker supports and those finalized cluster-wide (none here). */
    supportedFeatures: tagged(0, array(supportedFeature), []),
    finalizedFeaturesEpoch: tagged(1, int64, -1),
    finalizedFeatures: tagged(2, array(finalizedFeature), []),
    zkMigrationReady: tagged(3, bool, false),
  }),
});

/** Kafka's rule for the v3 software name and version (ApiVersionsRequest.isValid). */
export const SOFTWARE_FIELD = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;
