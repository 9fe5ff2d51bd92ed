/**
 * miniapp tests. Today: the weapp build rendered under miniprogram-simulate
 * (test/weapp-render.test.cjs). Run from miniapp/ after `npm run build:weapp -w miniapp`:
 *   node --experimental-vm-modules ../node_modules/jest/bin/jest.js
 */
export default {
  // miniprogram-simulate renders into a DOM (j-component builds wx-view … elements).
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost/' },
  testMatch: ['<rootDir>/test/**/*.test.cjs'],
  // Nothing to compile: the tests are plain CommonJS and dist/weapp is already built. Without
  // this, babel-jest would run the Taro preset over every file the test loads, bundles included.
  transform: {},
  testTimeout: 20000,
};
