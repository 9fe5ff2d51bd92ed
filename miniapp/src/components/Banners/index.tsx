import { Image, Swiper, SwiperItem } from '@tarojs/components';
import type { BannersProps } from './types';
import './index.scss';

/**
 * The banner carousel on 首页. In the mini-program Swiper is WeChat's native component, which
 * costs nothing to load; the H5 build uses index.h5.tsx instead (Taro's H5 Swiper brings the
 * whole swiper library into the first load).
 */
export function Banners({ className, items, interval = 4000, onTap }: BannersProps) {
  return (
    <Swiper className={className} circular autoplay interval={interval} indicatorDots indicatorColor='rgba(255,255,255,0.5)' indicatorActiveColor='#ffffff'>
      {items.map((banner) => (
        <SwiperItem key={banner.key} className={`banners__slide--${banner.key}`} onClick={() => onTap?.(banner)}>
          <Image className='banners__image' src={banner.image} mode='aspectFill' />
        </SwiperItem>
      ))}
    </Swiper>
  );
}
