// A webpack loader for @tarojs/components-react's stylesheet (H5 build only). It styles
// Button with two- and three-class selectors (`.taro-button-core.taro-btn-default { color:
// #000; background-color: #f8f8f8 }`, a 15px gap between neighbouring buttons …), which
// outrank the one-class styles the app writes for WeChat's native button. Wrapped in
// :where() those selectors weigh nothing, so the app's own classes decide, as in the
// mini-program. A browser without :where() drops just these rules, and our styles remain.
const postcss = require('postcss');

module.exports = function zeroButtonSpecificity(source) {
  const root = postcss.parse(source);
  root.walkRules((rule) => {
    rule.selectors = rule.selectors.map((selector) => {
      if (!selector.includes('.taro-button-core')) return selector;
      // A pseudo-element cannot sit inside :where().
      const [, compound, pseudo = ''] = selector.match(/^(.*?)(::?(?:after|before))?$/);
      return `:where(${compound})${pseudo}`;
    });
  });
  return root.toString();
};
