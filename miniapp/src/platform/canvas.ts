import Taro from '@tarojs/taro';
import { platform } from './index';

/** The pixel ratio a canvas is drawn at: the screen's, at most 3 (sharp enough, and bounded memory). */
export function canvasPixelRatio(): number {
  return Math.min(3, (platform.isWeapp ? Taro.getWindowInfo().pixelRatio : window.devicePixelRatio) || 2);
}

/** A weapp page's Canvas 2D node (`<Canvas type='2d' id=…>`) and its laid-out CSS size. */
export function weappCanvasNode<T>(id: string): Promise<{ node: T; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res: { node?: T; width: number; height: number }[]) => {
      const hit = res?.[0];
      if (hit?.node) resolve({ node: hit.node, width: hit.width, height: hit.height });
      else reject(new Error(`no canvas #${id}`));
    });
  });
}
