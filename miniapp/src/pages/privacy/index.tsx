import { Text, View } from '@tarojs/components';
import type { ShopProfile } from '@jifen/shared';
import { useShopRules } from '../../hooks/useShopRules';
import './index.scss';

const SECTIONS: { title: string; lines: string[] }[] = [
  {
    title: '我们收集哪些信息',
    lines: [
      '昵称与头像：你在「个人资料」中设置的昵称和头像图片，用于在会员卡和订单中显示你。',
      '手机号：你通过微信授权或填写的手机号，用于会员身份验证与新人礼；页面中只显示脱敏号码。',
      '生日：你选择填写的生日，用于生日当月签到积分翻倍。',
      '订单：购买与兑换的商品、金额和收货信息，用于发货、售后和计算会员成长值。',
      '积分：积分的获得、使用与过期记录，用于积分明细与兑换。',
    ],
  },
  {
    title: '我们为什么收集',
    lines: [
      '仅为提供会员、积分、签到与商城服务。我们不会出售你的个人信息，也不会用于与本服务无关的用途。',
      '头像与昵称只有在你主动选择后才会上传；拒绝授权不影响浏览与兑换商品。',
    ],
  },
  {
    title: '如何保存与保护',
    lines: ['信息保存在中国境内的服务器，传输全程加密；只有经授权的运营人员可以查看处理订单所需的信息。'],
  },
  {
    title: '如何删除账号',
    lines: [
      '你可以在「我的」申请注销账号（注销入口即将开放，开放前请通过上方的联系方式办理）。',
      '注销后我们会删除你的昵称、头像、手机号与生日；积分与订单记录只以匿名方式保留，用于门店对账，不再能关联到你。',
    ],
  },
];

/** Who runs the shop and how to reach them, as the owner set it in 管理 → 店铺信息. */
function Operator({ shop }: { shop: ShopProfile | null }) {
  const line = (label: string, value: string | undefined, className: string) => (
    <Text className={`privacy__operator-line ${className}`}>{label}：{shop ? value || '店铺尚未填写' : '—'}</Text>
  );
  return (
    <View className='privacy__operator'>
      {line('运营者', shop?.name, 'privacy-operator-name')}
      {line('联系方式', shop?.contact, 'privacy-operator-contact')}
      {line('生效日期', shop?.privacyEffectiveOn, 'privacy-operator-effective')}
    </View>
  );
}

/** 隐私政策: who runs the shop, what it collects, why, and how to delete the account, in plain words. */
export default function PrivacyPage() {
  const shop = useShopRules()?.shop ?? null;
  return (
    <View className='privacy'>
      <Text className='privacy__title'>积分商城隐私政策</Text>
      <Operator shop={shop} />
      <Text className='privacy__intro'>我们重视你的隐私。本政策说明我们在积分商城小程序中收集哪些信息、为什么收集，以及你如何删除账号。</Text>
      {SECTIONS.map((section) => (
        <View className='privacy__section' key={section.title}>
          <Text className='privacy__heading'>{section.title}</Text>
          {section.lines.map((line) => (
            <Text className='privacy__line' key={line}>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
