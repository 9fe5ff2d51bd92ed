// A webpack loader for Taro's H5 global stylesheet (H5 build only): it inlines the weui icon
// font (~6 KB, in the entry of every page) for Taro's <Icon>, which the app does not use (its
// icons come from NutUI). The @font-face goes; every other rule stays.
const postcss = require('postcss');

module.exports = function dropWeuiFont(source) {
  const root = postcss.parse(source);
  root.walkAtRules('font-face', (rule) => {
    if (rule.nodes.some((d) => d.prop === 'font-family' && d.value.replace(/["']/g, '') === 'weui')) rule.remove();
  });
  return root.toString();
};
