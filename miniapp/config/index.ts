import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const platform = process.env.TARO_ENV;

/**
 * Where the API lives. The H5 build is served by the API server itself, so same origin ('')
 * is its default; the mini-program needs an absolute host (on WeChat's domain allow-list in
 * production). Override with TARO_APP_API_BASE.
 */
function apiBase(): string {
  const given = process.env.TARO_APP_API_BASE;
  if (given !== undefined) return given.replace(/\/+$/, '');
  return platform === 'h5' ? '' : 'http://localhost:3000';
}

// @jifen/shared is modern ESM outside src/: let Babel transpile it like our own code.
const sharedDist = path.resolve(__dirname, '../../shared/dist');
const compileShared = { include: [(file: string) => file.startsWith(sharedDist)] };
const cssModules = {
  enable: false,
  config: { namingPattern: 'module' as const, generateScopedName: '[name]__[local]___[hash:base64:5]' },
};

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jifen-mall',
    date: '2026-11-25',
    // Our styles are written for the 750 design width, NutUI's own styles for 375.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/');
      return file && file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      compile: compileShared,
      // Styles are BEM-scoped per component, so the order of shared CSS chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules,
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: compileShared,
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules,
      },
      // Taro splits only initial chunks; pages are lazy chunks, so without this every page
      // carried its own copy of the H5 components, the tab bar and the API layer (~250 KB each).
      webpackChain(chain) {
        chain.optimization.merge({ splitChunks: { chunks: 'all' } });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
