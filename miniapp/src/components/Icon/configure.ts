import { View } from '@tarojs/components';
import { configure } from '@nutui/icons-react-taro';

/**
 * NutUI icons render an HTML `<i>` by default, which the mini-program can only show with
 * @tarojs/plugin-html. A Taro View renders everywhere, so switch the tag once, before any
 * icon (ours or inside NutUI components) renders: app.ts imports this first.
 */
// The typings say string; the runtime takes any element type React can create.
configure({ tag: View as unknown as string });
