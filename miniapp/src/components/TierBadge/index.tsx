import { Text } from '@tarojs/components';
import type { TierName } from '@jifen/shared';
import { tierLabel } from '../../utils/format';
import './index.scss';

/** 普通会员 / 银卡会员 / 金卡会员 / 钻石会员, each in its card colour. */
export function TierBadge({ tier }: { tier: TierName }) {
  return (
    <Text className={`tier-badge tier-badge--${tier}`}>
      <Text className='tier-badge__gem'>◆</Text>
      {tierLabel(tier)}
    </Text>
  );
}
