import { useEffect, useRef, useState } from 'react';
import type { BannersProps } from './types';
import './index.scss';

/**
 * The H5 banner carousel: a scroll-snap strip the browser swipes by itself, a timer that moves
 * it on, and dots. Only the banner in view is downloaded at first; the next one starts loading
 * a second before it is due, so the first load carries one banner image.
 */
export function Banners({ className, items, interval = 4000, onTap }: BannersProps) {
  const track = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const [wanted, setWanted] = useState(() => new Set([0]));
  const [firstShown, setFirstShown] = useState(false);

  const want = (index: number) => setWanted((before) => (before.has(index) ? before : new Set(before).add(index)));

  // Rotation starts once the first banner is on screen, and restarts after every move.
  useEffect(() => {
    if (!firstShown || items.length < 2) return undefined;
    const next = (current + 1) % items.length;
    const preload = setTimeout(() => want(next), Math.max(0, interval - 1000));
    const move = setTimeout(() => {
      const el = track.current;
      if (el) el.scrollTo({ left: next * el.clientWidth, behavior: 'smooth' });
    }, interval);
    return () => {
      clearTimeout(preload);
      clearTimeout(move);
    };
  }, [current, firstShown, interval, items.length]);

  const onScroll = () => {
    const el = track.current;
    if (!el || el.clientWidth === 0) return;
    // A finger on the strip shows the neighbours: load them all (there are a few).
    if (wanted.size < items.length) setWanted(new Set(items.map((_, i) => i)));
    setCurrent(Math.round(el.scrollLeft / el.clientWidth));
  };

  return (
    <div className={`banners ${className ?? ''}`}>
      <div className='banners__track' ref={track} onScroll={onScroll}>
        {items.map((banner, i) => (
          <div className={`banners__slide banners__slide--${banner.key}`} key={banner.key} onClick={() => onTap?.(banner)}>
            {wanted.has(i) && (
              <img
                className='banners__image'
                src={banner.image}
                alt={banner.title}
                draggable={false}
                onLoad={i === 0 ? () => setFirstShown(true) : undefined}
              />
            )}
          </div>
        ))}
      </div>
      {items.length > 1 && (
        <div className='banners__dots'>
          {items.map((banner, i) => (
            <span key={banner.key} className={`banners__dot${i === current ? ' banners__dot--active' : ''}`} />
          ))}
        </div>
      )}
    </div>
  );
}
