import { createElement, useEffect, useRef } from 'react';
import { Canvas, Text, View } from '@tarojs/components';
import { platform } from '../../platform';
import { type ChartKind, type ChartPoint, drawTrend } from './chart';

type Drawn = { destroy(): void } | null;

/**
 * A titled daily trend drawn on its own Canvas 2D node, redrawn when the points change. Draws
 * on one canvas run one after another, each destroying the one before it first: a range
 * switched mid-draw can never have an old chart's teardown land on the new one.
 */
export function TrendChart({ id, title, points, kind = 'line' }: { id: string; title: string; points: ChartPoint[]; kind?: ChartKind }) {
  const last = useRef<Promise<Drawn>>(Promise.resolve(null));
  const key = JSON.stringify(points);
  useEffect(() => {
    let live = true;
    // After the node is laid out: the canvas takes its size from the page.
    const timer = setTimeout(() => {
      last.current = last.current.then(async (prev) => {
        if (!live) return prev;
        prev?.destroy();
        return drawTrend(id, points, kind).catch((): Drawn => null);
      });
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key, kind]);
  useEffect(() => () => void last.current.then((c) => c?.destroy()), []);
  return (
    <View className='dash-chart'>
      <Text className='dash-chart__title'>{title}</Text>
      {/* H5 gets a plain <canvas>: Taro's canvas element resets its bitmap whenever it re-renders, wiping the chart. */}
      {platform.isWeapp
        ? <Canvas type='2d' id={id} className={`dash-chart__canvas dash-chart__canvas--${id}`} />
        : createElement('canvas', { id, className: `dash-chart__canvas dash-chart__canvas--${id}` })}
    </View>
  );
}
