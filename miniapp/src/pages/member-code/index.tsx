import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { MEMBER_CODE_STEP_SECONDS, type MemberCodeDto } from '@jifen/shared';
import { getMemberCode } from '../../api/member-code';
import { platform } from '../../platform';
import { useSession } from '../../store/session';
import { barRuns, qrRows } from './matrix';
import './index.scss';

/** 6000 0000 0368 5779 44: the digits in fours, as a cashier reads them out. */
const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Full brightness while the code shows (WeChat only), the member's own level back after. */
function useBrightScreen() {
  const before = useRef<number | null>(null);
  useDidShow(() => {
    if (!platform.isWeapp) return;
    Taro.getScreenBrightness({ success: (r) => { before.current = r.value; } });
    void Taro.setScreenBrightness({ value: 1 }).catch(() => undefined);
  });
  useDidHide(() => {
    if (platform.isWeapp && before.current !== null) void Taro.setScreenBrightness({ value: before.current }).catch(() => undefined);
  });
}

/**
 * 会员码: the code a store's till scans to earn or spend the member's points, as a QR code and
 * a barcode with the digits under them, renewed every minute (a code spends once) and with the
 * balance under it. Signed out, there is no code to show: the page sends the visitor to 我的.
 */
export default function MemberCodePage() {
  const { status } = useSession();
  const [code, setCode] = useState<MemberCodeDto | null>(null);
  const [failed, setFailed] = useState(false);
  useBrightScreen();

  const load = useCallback(() => {
    setFailed(false);
    getMemberCode().then(setCode, () => setFailed(true));
  }, []);

  useEffect(() => {
    if (status === 'signedOut') {
      void Taro.showToast({ title: '登录后出示会员码', icon: 'none' });
      void Taro.switchTab({ url: '/pages/me/index' });
    }
    if (status === 'signedIn') load();
  }, [status, load]);

  // Renew as the minute turns (and a little after, so the server's clock has turned too).
  useEffect(() => {
    if (!code) return;
    const wait = Math.max(1_000, new Date(code.expiresAt).getTime() - Date.now() + 500);
    const timer = setTimeout(load, wait);
    return () => clearTimeout(timer);
  }, [code, load]);

  const rows = useMemo(() => (code ? qrRows(code.code) : []), [code]);
  const bars = useMemo(() => (code ? barRuns(code.code) : []), [code]);

  if (status !== 'signedIn') return <View className='member-code' />;
  return (
    <View className='member-code'>
      <View className='member-code__card'>
        <Text className='member-code__title'>向收银员出示，消费得积分或积分抵扣</Text>
        {!code ? (
          <Text className='member-code__loading'>{failed ? '会员码加载失败，点击重试' : '正在生成会员码…'}</Text>
        ) : (
          <>
            <View className='member-code__bars member-code-bars'>
              {bars.map(([dark, width], i) => (
                <View key={i} className={dark ? 'member-code__bar member-code__bar--dark' : 'member-code__bar'} style={{ flex: width }} />
              ))}
            </View>
            <Text className='member-code__digits member-code-digits'>{grouped(code.code)}</Text>
            <View className='member-code__qr member-code-qr'>
              {rows.map((row, r) => (
                <View key={r} className='member-code__qr-row'>
                  {row.map((dark, c) => <View key={c} className={dark ? 'member-code__cell member-code__cell--dark' : 'member-code__cell'} />)}
                </View>
              ))}
            </View>
            <Text className='member-code__refresh' onClick={load}>每 {MEMBER_CODE_STEP_SECONDS} 秒自动更新，一码只能抵扣一次 · 点此刷新</Text>
          </>
        )}
        {failed && !code && <Text className='member-code__retry' onClick={load}>重试</Text>}
      </View>
      {code && (
        <View className='member-code__balance'>
          <Text className='member-code__balance-label'>可用积分</Text>
          <Text className='member-code__balance-value member-code-available'>{code.available}</Text>
        </View>
      )}
      <Text className='member-code__hint'>{platform.isWeapp ? '已为你调到最亮，方便扫码' : '扫码不灵时，请调高屏幕亮度'}</Text>
    </View>
  );
}
