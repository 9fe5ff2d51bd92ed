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
      // Taro's React components instead of its Web Components (Stencil runtime and every
      // component's definition, with the whole swiper library, in every page's load). Their
      // DOM is plain: <Input className='x'> is the <input class="x"> itself.
      useHtmlComponents: true,
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
        // Shared chunks under webpack's usual 20 KB floor stay in the pages that use them: 首页
        // fetched some fifteen 1 KB chunks, and a browser opens only six connections at a time.
        chain.optimization.merge({ splitChunks: { chunks: 'all', minSize: 20_000 } });
        // The icon package marks its barrel file as having side effects, so one imported icon
        // brought all of them (~45 KB) into 首页's first load; it has none worth keeping.
        chain.module
          .rule('nutui-icons-barrel')
          .test(/@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/)
          .set('sideEffects', false);
        // Our icon list only re-exports (configure.ts holds its one side effect): each page
        // takes the icons it uses instead of all of them.
        chain.module
          .rule('icon-barrel')
          .test(path.resolve(__dirname, '../src/components/Icon/index.ts'))
          .set('sideEffects', false);
        // Taro's router imports its built-in tab bar element (and with it the Stencil runtime)
        // even for a custom tab bar like ours: see h5/no-taro-tabbar.js.
        chain.module
          .rule('router-without-taro-tabbar')
          .test(/@tarojs[\\/]router[\\/]dist[\\/]/)
          .resolve.alias.set('@tarojs/components/dist/components$', path.resolve(__dirname, 'h5/no-taro-tabbar.js'));
        // Taro's React Button styles outrank our one-class button styles: see h5/zero-button-specificity.js.
        chain.module
          .rule('taro-react-button-css')
          .test(/@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/)
          .enforce('pre')
          .use('zero-button-specificity')
          .loader(path.resolve(__dirname, 'h5/zero-button-specificity.js'));
        chain.module
          .rule('taro-global-css-without-weui-font')
          .test(/@tarojs[\\/]components[\\/]dist[\\/]taro-components[\\/]taro-components\.css$/)
          .enforce('pre')
          .use('drop-weui-font')
          .loader(path.resolve(__dirname, 'h5/drop-weui-font.js'));
        // Taro's request API bundles fetch and AbortController polyfills and a JSONP client.
        // Every browser in our browserslist has both, and no request of ours uses JSONP.
        const unused = ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only', 'jsonp-retry'];
        chain.resolve.merge({ alias: Object.fromEntries(unused.map((name) => [`${name}$`, false])) });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
