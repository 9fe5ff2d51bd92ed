import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { uploadGoodsImage } from '../api/upload';

/**
 * Picks up to `count` pictures (album or camera) and uploads each through the server's image
 * checks, handing every stored path to `onUploaded` as it arrives. `uploading` counts the
 * uploads still running, so a save can wait for them.
 */
export function useImageUpload(onUploaded: (path: string) => void): [uploading: number, pick: (count: number) => Promise<void>] {
  const [uploading, setUploading] = useState(0);
  const handler = useRef(onUploaded);
  handler.current = onUploaded;
  const pick = async (count: number) => {
    let picked: string[];
    try {
      picked = (await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths;
    } catch {
      return; // cancelled
    }
    setUploading((n) => n + picked.length);
    for (const path of picked) {
      try {
        handler.current(await uploadGoodsImage(path));
      } catch (error) {
        void Taro.showToast({ title: (error as Error).message || '上传失败', icon: 'none' });
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };
  return [uploading, pick];
}
