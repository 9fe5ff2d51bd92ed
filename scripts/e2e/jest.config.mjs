// End-to-end tests: the real server serving the H5 build, driven in Debian's Chromium.
export default {
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/**/*.test.mjs'],
  testTimeout: 90_000,
};
