import type { NextConfig } from 'next';

const config: NextConfig = {
  // The broker and protocol code run on Node in route handlers; native addons stay external.
  serverExternalPackages: ['kafkajs', '@node-rs/crc32', 'zstd-napi', 'lz4', 'kafkajs-lz4', 'kafkajs-snappy'],
  poweredByHeader: false,
};

export default config;
