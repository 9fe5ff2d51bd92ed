import Taro from '@tarojs/taro';
import { platform } from '../../platform';
import { canvasPixelRatio, weappCanvasNode } from '../../platform/canvas';

/** The poster's size in CSS pixels; it is drawn at the screen's pixel ratio. */
export const POSTER_WIDTH = 300;
export const POSTER_HEIGHT = 460;
/** The weapp Canvas 2D node the poster is drawn on (off screen). */
export const POSTER_CANVAS_ID = 'invite-poster-canvas';

export interface PosterContent {
  nickname: string;
  /** 「首单完成得 …」 when the invite rule names a coupon, else null. */
  gift: string | null;
  /** The mini-program code (a local file in the weapp), or null where there is none (H5). */
  codePath: string | null;
  /** The H5 link drawn instead of a code. */
  link: string;
}

/** What both canvases offer: the 2D context and a way to load the code image. */
interface Surface {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D | null;
}
type LoadImage = (src: string) => Promise<CanvasImageSource>;

const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/** Lines of `text` no wider than `width`, broken anywhere (a URL or Chinese has no spaces to break at). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the poster: who invites, what the friend gets, the code (or the link) and how to use it. */
async function draw(canvas: Surface, ratio: number, content: PosterContent, loadImage: LoadImage): Promise<void> {
  canvas.width = POSTER_WIDTH * ratio;
  canvas.height = POSTER_HEIGHT * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.scale(ratio, ratio);
  const w = POSTER_WIDTH;
  const centre = w / 2;

  const sky = ctx.createLinearGradient(0, 0, w, 200);
  sky.addColorStop(0, '#ff7a2e');
  sky.addColorStop(1, '#ff4d1f');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, POSTER_HEIGHT);

  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.font = `15px ${FONT}`;
  ctx.fillText(`${content.nickname} 邀你一起逛`, centre, 28);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 24px ${FONT}`;
  ctx.fillText('积分商城 · 新人好礼', centre, 54);
  if (content.gift) {
    ctx.fillStyle = '#fff1ea';
    ctx.font = `14px ${FONT}`;
    ctx.fillText(content.gift, centre, 92);
  }

  const card = { x: 20, y: 124, w: w - 40, h: POSTER_HEIGHT - 144 };
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  const r = 12;
  ctx.moveTo(card.x + r, card.y);
  ctx.arcTo(card.x + card.w, card.y, card.x + card.w, card.y + card.h, r);
  ctx.arcTo(card.x + card.w, card.y + card.h, card.x, card.y + card.h, r);
  ctx.arcTo(card.x, card.y + card.h, card.x, card.y, r);
  ctx.arcTo(card.x, card.y, card.x + card.w, card.y, r);
  ctx.closePath();
  ctx.fill();

  const codeSize = 180;
  const codeTop = card.y + 28;
  if (content.codePath) {
    ctx.drawImage(await loadImage(content.codePath), centre - codeSize / 2, codeTop, codeSize, codeSize);
  } else {
    ctx.fillStyle = '#5c5f66';
    ctx.font = `14px ${FONT}`;
    ctx.fillText('在浏览器打开链接', centre, codeTop + 20);
    ctx.fillStyle = '#1f1f24';
    ctx.font = `13px ${FONT}`;
    wrap(ctx, content.link, card.w - 40).slice(0, 6).forEach((line, i) => ctx.fillText(line, centre, codeTop + 52 + i * 20));
  }
  ctx.fillStyle = '#9a9ca3';
  ctx.font = `13px ${FONT}`;
  ctx.fillText(content.codePath ? '长按识别小程序码，注册即享新人礼' : '好友打开链接，注册即享新人礼', centre, codeTop + codeSize + 24);
}

/**
 * The poster as an image: a temp file in the weapp (Canvas 2D, then canvasToTempFilePath), a
 * PNG data URL on H5 (a canvas of the page's own document).
 */
export async function renderPoster(content: PosterContent): Promise<string> {
  const ratio = canvasPixelRatio();
  if (!platform.isWeapp) {
    const canvas = document.createElement('canvas');
    await draw(canvas, ratio, content, (src) => new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = reject;
      img.src = src;
    }));
    return canvas.toDataURL('image/png');
  }
  type WeappCanvas = Surface & { createImage(): HTMLImageElement };
  const { node: canvas } = await weappCanvasNode<WeappCanvas>(POSTER_CANVAS_ID);
  await draw(canvas, ratio, content, (src) => new Promise((resolve, reject) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = src;
  }));
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never } as Taro.canvasToTempFilePath.Option);
  return tempFilePath;
}

/**
 * Saves the poster to the phone's album (weapp), asking again through the settings page when
 * the member once refused; on H5 downloads it as a PNG.
 */
export async function savePoster(image: string): Promise<void> {
  if (!platform.isWeapp) {
    const a = document.createElement('a');
    a.href = image;
    a.download = '邀请海报.png';
    a.click();
    return;
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: image });
    void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (message.includes('cancel')) return;
    if (/auth|deny|denied/.test(message)) {
      const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '允许保存到相册后，即可把海报分享到朋友圈', confirmText: '去设置' });
      if (confirm) void Taro.openSetting();
      return;
    }
    void Taro.showToast({ title: '保存失败，请长按图片保存', icon: 'none' });
  }
}
