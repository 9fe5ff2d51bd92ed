import { Axis, Canvas, type CanvasProps, Chart, Interval, jsx, Legend, Line } from '@antv/f2';
import { platform } from '../../platform';
import { canvasPixelRatio, weappCanvasNode } from '../../platform/canvas';

/** One value of one series on one Shanghai day (MM-DD). */
export interface ChartPoint {
  day: string;
  value: number;
  series: string;
}

export type ChartKind = 'line' | 'bar';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D | null;
}

/** The page's Canvas 2D node and its CSS size: the weapp's by a selector query, H5's plain <canvas>. */
function canvasOf(id: string): Promise<{ node: CanvasNode; width: number; height: number }> {
  if (!platform.isWeapp) {
    const el = document.querySelector<HTMLCanvasElement>(`canvas#${id}`);
    if (!el) return Promise.reject(new Error(`no canvas #${id}`));
    const box = el.getBoundingClientRect();
    return Promise.resolve({ node: el, width: box.width, height: box.height });
  }
  return weappCanvasNode<CanvasNode>(id);
}

const COLORS = ['#ff5a1f', '#3d7bf2', '#34b27b'];
/** Label size in CSS pixels (a number: F2 halves its "px" strings for high-DPI screens, too small here). */
const LABEL = 11;

/** F2's element factory (its JSX without a JSX pragma); its generic marks defeat the declared types. */
const h = jsx as unknown as (type: unknown, props: object) => { props: CanvasProps };

/**
 * Draws a daily trend with F2 (AntV's mobile charts) on the Canvas 2D node `id`: lines or bars
 * per series, days along the bottom, a legend when there is more than one series. Returns the
 * F2 canvas so a redraw can replace it.
 */
export async function drawTrend(id: string, points: ChartPoint[], kind: ChartKind): Promise<Canvas> {
  let { node, width, height } = await canvasOf(id);
  // A page still sliding in (or hidden) lays its canvas out at 0×0: wait for a size to draw at.
  for (let tries = 0; (width === 0 || height === 0) && tries < 25; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    ({ node, width, height } = await canvasOf(id));
  }
  if (width === 0 || height === 0) throw new Error(`canvas #${id} has no size`);
  const ratio = canvasPixelRatio();
  node.width = Math.round(width * ratio);
  node.height = Math.round(height * ratio);
  const context = node.getContext('2d');
  if (!context) throw new Error('no 2d context');
  const many = new Set(points.map((p) => p.series)).size > 1;
  const mark = kind === 'line'
    ? h(Line, { x: 'day', y: 'value', color: many ? { field: 'series', range: COLORS } : COLORS[0] })
    : h(Interval, { x: 'day', y: 'value', color: many ? { field: 'series', range: COLORS } : COLORS[0], adjust: many ? 'dodge' : undefined });
  const { props } = h(Canvas, {
    // Room at the right for the last day's label.
    context, pixelRatio: ratio, width, height, animate: false, padding: [8, 20, 8, 8],
    children: h(Chart, {
      data: points,
      // Whole-number ticks: the top is a multiple of 4 (counts of members, points and yuan are whole).
      scale: { value: { min: 0, max: Math.max(4, Math.ceil(Math.max(0, ...points.map((p) => p.value)) / 4) * 4), tickCount: 5 } },
      children: [
        h(Axis, { field: 'day', tickCount: 4, style: { label: { fontSize: LABEL } } }),
        h(Axis, { field: 'value', style: { label: { fontSize: LABEL } } }),
        mark,
        ...(many ? [h(Legend, { position: 'top', nameStyle: { fontSize: LABEL } })] : []),
      ],
    }),
  });
  const canvas = new Canvas(props);
  await canvas.render();
  return canvas;
}
