export interface Banner {
  key: string;
  /** Absolute image URL. */
  image: string;
  title: string;
}

export interface BannersProps {
  className?: string;
  items: Banner[];
  /** Milliseconds each banner stays before the next. */
  interval?: number;
  /** A tap on a banner (where it leads is the caller's business). */
  onTap?: (banner: Banner) => void;
}
