import { useEffect, useRef, useState } from 'react';

/**
 * A number that counts towards `target` when it changes (points arriving), over `duration` ms,
 * easing out. The first value shows as it is: only changes animate. Timers rather than
 * requestAnimationFrame, which older WeChat base libraries lack; ~16 steps keep setData cheap.
 */
export function useCountUp(target: number, duration = 900): number {
  const [shown, setShown] = useState(target);
  const from = useRef(target);

  useEffect(() => {
    const start = from.current;
    if (start === target) return undefined;
    const steps = 16;
    let step = 0;
    const timer = setInterval(() => {
      step++;
      const t = step / steps;
      const eased = 1 - (1 - t) ** 3;
      const value = step >= steps ? target : Math.round(start + (target - start) * eased);
      from.current = value;
      setShown(value);
      if (step >= steps) clearInterval(timer);
    }, duration / steps);
    return () => clearInterval(timer);
  }, [target, duration]);

  return shown;
}
