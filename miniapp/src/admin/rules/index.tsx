import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { AdminRuleDto, CouponTemplateStatsDto } from '@jifen/shared';
import { listCouponTemplateStats } from '../../api/admin';
import { listAdminRules } from '../../api/rules';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { POINTS_RULE_KEYS, RULE_TITLES, ruleSummary, when } from './draft';
import './index.scss';


/** Who changed the rule last and why, or that the shop still runs the defaults. */
function versionLine(r: AdminRuleDto): string {
  if (!r.version) return '默认规则，未修改过';
  return `${r.version.by ?? '系统'} · ${when(r.version.effectiveFrom)} 起生效${r.version.note ? ` · ${r.version.note}` : ''}`;
}

/** 规则: every rule the shop runs on, what is in force and what is scheduled; owners edit, operators read. */
export default function AdminRulesPage() {
  const { operator, loading } = useOperator();
  const [rules, setRules] = useState<AdminRuleDto[] | null>(null);
  const [templates, setTemplates] = useState<CouponTemplateStatsDto[]>([]);
  const operatorId = operator?.id ?? null;
  const load = () => {
    listAdminRules().then(setRules, () => setRules([]));
    listCouponTemplateStats().then(setTemplates, () => undefined);
  };
  useEffect(() => {
    if (operatorId !== null) load();
  }, [operatorId]);
  // Again on each later show, so a rule saved on the edit page is here on the way back.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && operatorId !== null) load();
    shown.current = true;
  });

  if (!operator) return <NotStaff className='admin-rules' loading={loading} />;
  const owner = operator.role === 'owner';
  const open = (key: string) => void Taro.navigateTo({ url: `/admin/rules/edit?key=${key}` });

  return (
    <View className='admin-rules'>
      <Text className='admin-rules__hint'>
        {owner ? '每次修改都留有版本：谁、何时、为什么；可预约生效，也可恢复到任一旧版本。' : '规则由店主修改，运营可查看规则与历史版本。'}
      </Text>
      {rules === null && <Text className='admin-rules__loading'>加载中…</Text>}
      {rules?.filter((r) => (POINTS_RULE_KEYS as readonly string[]).includes(r.key)).map((r) => (
        <View key={r.key} className={`admin-rules__card admin-rules__card--${r.key}`} onClick={() => open(r.key)}>
          <View className='admin-rules__head'>
            <Text className='admin-rules__title'>{RULE_TITLES[r.key]}</Text>
            <Text className='admin-rules__action'>{owner ? '修改 ›' : '查看 ›'}</Text>
          </View>
          {ruleSummary(r.key, r.value, templates).map((line) => (
            <Text key={line} className='admin-rules__line'>{line}</Text>
          ))}
          <Text className='admin-rules__meta'>{versionLine(r)}</Text>
          {r.scheduled.map((s) => (
            <Text key={s.id} className='admin-rules__scheduled'>已预约：{when(s.effectiveFrom)} 起换为新版本{s.note ? `（${s.note}）` : ''}</Text>
          ))}
        </View>
      ))}
    </View>
  );
}
