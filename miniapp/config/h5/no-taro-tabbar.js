// Stands in for @tarojs/components/dist/components inside @tarojs/router (H5 build only).
// The router defines Taro's own <taro-tabbar> only when tabBar.custom is false; ours is
// custom (components/TabBar draws it), yet the import alone brought the Stencil runtime
// into the entry. Should tabBar.custom ever be turned off, this says so at once.
export function defineCustomElementTaroTabbar() {
  throw new Error('H5 build: tabBar.custom must stay true (see config/h5/no-taro-tabbar.js)');
}
