// The version offsetscope names itself with (ApiVersions v3's client software version).
// Kept here rather than imported from package.json, which Playwright's loader and Node's
// ESM would need an import attribute for; server/version.test.ts keeps the two equal.
export const OFFSETSCOPE_VERSION = '0.1.0';
