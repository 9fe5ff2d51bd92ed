/**
 * What WeChat provides around a mini-program and miniprogram-simulate does not, kept to what
 * the weapp build of this app calls. miniprogram-simulate (j-component) only defines
 * `Component` and `Behavior`; a page here is a Component whose attach runs the page lifecycle.
 */
const fs = require('node:fs');
const path = require('node:path');

/** An iPhone-8-sized device on a recent base library; Taro reads it at start-up. */
const SYSTEM = {
  platform: 'devtools', SDKVersion: '3.4.0', version: '8.0.50', language: 'zh_CN', pixelRatio: 2,
  windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, statusBarHeight: 20,
  safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
};

/**
 * Loads dist/weapp as WeChat would: defines wx, App, getApp, getCurrentPages and Page, runs
 * app.js and its onLaunch. `answer` plays the server for wx.request. Returns the recorded wx
 * calls (`calls`, e.g. ['switchTab', {url}]) and `openPage(route)`.
 */
function launchWeapp({ dist, answer, upload = () => ({ statusCode: 404, data: '{}', errMsg: 'uploadFile:ok' }) }) {
  if (!fs.existsSync(path.join(dist, 'app.js'))) {
    throw new Error(`No weapp build at ${dist}. Build it first: npm run build:weapp -w miniapp (from the repo root)`);
  }
  const calls = [];
  // wx.onNeedPrivacyAuthorization listeners: `needPrivacy(resolve)` plays WeChat asking before a privacy-touching call.
  const privacyListeners = [];
  const storage = new Map();
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  const done = (options, result) => {
    options?.success?.(result);
    options?.complete?.(result);
  };
  // Navigation, toasts and dialogs are only recorded: the test asserts on them.
  const recorded = (name, result = { errMsg: `${name}:ok` }) => (options = {}) => {
    calls.push([name, options]);
    setTimeout(() => done(options, result), 0);
  };

  global.wx = {
    // Device and base library.
    getSystemInfoSync: () => SYSTEM,
    getSystemInfo: (options) => done(options, SYSTEM),
    getWindowInfo: () => SYSTEM,
    getDeviceInfo: () => SYSTEM,
    getAppBaseInfo: () => SYSTEM,
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),
    onAppRoute() {},
    onAppRouteDone() {},
    // Where the session keeps its tokens.
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    // Network, answered asynchronously like the real thing.
    request(options) {
      calls.push(['request', options]);
      setTimeout(() => done(options, answer(options)), 0);
      return { abort() {} };
    },
    login: (options) => done(options, { code: 'simulate-code', errMsg: 'login:ok' }),
    // The avatar upload (multipart); `upload` plays the server, the body comes back as a string.
    onNeedPrivacyAuthorization: (listener) => void privacyListeners.push(listener),
    uploadFile(options) {
      calls.push(['uploadFile', options]);
      setTimeout(() => done(options, upload(options)), 0);
      return { abort() {} };
    },
    showLoading: recorded('showLoading'),
    hideLoading: recorded('hideLoading'),
    // How this run was opened (a test may set `launch.scene`, e.g. 1154 for Moments' single-page mode).
    getLaunchOptionsSync: () => launch,
    getEnterOptionsSync: () => launch,
    // The poster's mini-program code, downloaded with the member's token.
    downloadFile(options) {
      calls.push(['downloadFile', options]);
      setTimeout(() => done(options, { statusCode: 200, tempFilePath: 'http://tmp/poster-code.png', errMsg: 'downloadFile:ok' }), 0);
      return { abort() {} };
    },
    setClipboardData: recorded('setClipboardData'),
    showToast: recorded('showToast'),
    showModal: recorded('showModal', { confirm: true, cancel: false, errMsg: 'showModal:ok' }),
    // The album picker: one photo, at a temp path the upload then sends.
    chooseImage: recorded('chooseImage', { tempFilePaths: ['http://tmp/goods.png'], tempFiles: [{ path: 'http://tmp/goods.png', size: 1000 }], errMsg: 'chooseImage:ok' }),
    switchTab: recorded('switchTab'),
    navigateTo: recorded('navigateTo'),
    // Layout queries find nothing here (there is no layout); pages must cope with that. The
    // invite poster's Canvas 2D node is the exception: a canvas that records what is drawn.
    createSelectorQuery() {
      const query = {
        in: () => query, select: (selector) => ((query.selector = selector), query), selectAll: () => query, selectViewport: () => query,
        boundingClientRect: (cb) => (cb && query.callbacks.push(cb), query),
        scrollOffset: (cb) => (cb && query.callbacks.push(cb), query),
        fields: (_fields, cb) => (cb && query.callbacks.push(cb), query),
        exec: (cb) => setTimeout(() => {
          const node = query.selector === '#invite-poster-canvas' ? fakeCanvas() : null;
          query.callbacks.forEach((fn) => fn(node ? { node } : null));
          cb?.(node ? [{ node, width: 300, height: 460 }] : []);
        }, 0),
        callbacks: [],
      };
      return query;
    },
    canvasToTempFilePath(options) {
      calls.push(['canvasToTempFilePath', options]);
      setTimeout(() => done(options, { tempFilePath: 'http://tmp/poster.png', errMsg: 'canvasToTempFilePath:ok' }), 0);
    },
    saveImageToPhotosAlbum: recorded('saveImageToPhotosAlbum'),
    // 订阅消息: the member accepts every template asked for.
    requestSubscribeMessage(options = {}) {
      calls.push(['requestSubscribeMessage', options]);
      const answer = Object.fromEntries((options.tmplIds ?? []).map((id) => [id, 'accept']));
      setTimeout(() => done(options, { ...answer, errMsg: 'requestSubscribeMessage:ok' }), 0);
    },
    openSetting: recorded('openSetting'),
  };

  /** A Canvas 2D node: `fillText` and `drawImage` are recorded as calls, the rest does nothing. */
  function fakeCanvas() {
    const noop = () => undefined;
    const gradient = { addColorStop: noop };
    const ctx = new Proxy({}, {
      get: (_target, key) => {
        if (key === 'fillText') return (text) => calls.push(['canvas.fillText', text]);
        if (key === 'drawImage') return (img) => calls.push(['canvas.drawImage', img.src]);
        if (key === 'measureText') return (text) => ({ width: [...text].length * 13 });
        if (key === 'createLinearGradient') return () => gradient;
        return noop;
      },
      set: () => true,
    });
    return {
      width: 0, height: 0,
      getContext: () => ctx,
      createImage() {
        const img = { onload: null, onerror: null };
        Object.defineProperty(img, 'src', { set(value) { img.url = value; setTimeout(() => img.onload?.(), 0); }, get() { return img.url; } });
        return img;
      },
    };
  }

  let app = null;
  const stack = [];
  let opening = { route: '', query: {} };
  global.App = (options) => { app = options; };
  global.getApp = () => app;
  global.getCurrentPages = () => stack.slice();

  const simulate = require('miniprogram-simulate');
  // Taro passes `behaviors: {}` when a component has none; WeChat accepts it, j-component wants an array.
  const registerComponent = global.Component;
  global.Component = (definition) => {
    if (definition.behaviors && !Array.isArray(definition.behaviors)) delete definition.behaviors;
    return registerComponent(definition);
  };
  // A page is a component with the page lifecycle run on attach (route and query set first,
  // as Taro's onLoad reads them); Taro's event handler `eh` and the other hooks become methods.
  global.Page = (options) => {
    const methods = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value === 'function'));
    global.Component({
      data: options.data,
      methods,
      lifetimes: {
        attached() {
          this.route = this.__route__ = opening.route;
          this.options = opening.query;
          stack.push(this);
          options.onLoad?.call(this, opening.query);
          options.onShow?.call(this);
        },
        ready() {
          options.onReady?.call(this);
        },
        detached() {
          options.onHide?.call(this);
          options.onUnload?.call(this);
          stack.splice(stack.indexOf(this), 1);
        },
      },
    });
  };

  require(path.join(dist, 'app.js'));
  app.onLaunch?.call(app, { ...launch });
  app.onShow?.call(app, { ...launch });

  // WeChat runs each component and page file once; webpack's module cache in the build means a
  // second run would not register anything anyway. So register Taro's shared `comp` (which
  // renders the deeper parts of every page) once, point every page at it, and load each page once.
  const compId = simulate.load(path.join(dist, 'comp'), 'comp', { rootPath: dist });
  const loaded = new Map();

  /** Renders a new instance of a page (or the custom tab bar) into the document; detach() it when done. */
  function open(route, query = {}) {
    if (!loaded.has(route)) loaded.set(route, simulate.load(path.join(dist, route), { rootPath: dist, usingComponents: { comp: compId } }));
    opening = { route, query };
    const component = simulate.render(loaded.get(route));
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    component.attach(parent);
    return component;
  }

  const needPrivacy = (resolve) => privacyListeners.forEach((listener) => listener(resolve, { referrer: '' }));
  return { calls, open, launch, storage, needPrivacy, app: () => app, pages: () => stack.slice() };
}

module.exports = { launchWeapp };
