import { useEffect, useRef } from 'react';
import { Canvas, Text, View } from '@tarojs/components';
import { type ChartKind, type ChartPoint, drawTrend } from './chart';

/** A titled daily trend drawn on its own Canvas 2D node, redrawn when the points change. */
export function TrendChart({ id, title, points, kind = 'line' }: { id: string; title: string; points: ChartPoint[]; kind?: ChartKind }) {
  const drawn = useRef<{ destroy(): void } | null>(null);
  const key = JSON.stringify(points);
  useEffect(() => {
    let live = true;
    // After the node is laid out: the canvas takes its size from the page.
    const timer = setTimeout(() => {
      drawTrend(id, points, kind).then((c) => {
        drawn.current?.destroy();
        if (live) drawn.current = c;
        else c.destroy();
      }, () => undefined);
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key, kind]);
  useEffect(() => () => drawn.current?.destroy(), []);
  return (
    <View className='dash-chart'>
      <Text className='dash-chart__title'>{title}</Text>
      <Canvas type='2d' id={id} className={`dash-chart__canvas dash-chart__canvas--${id}`} />
    </View>
  );
}
