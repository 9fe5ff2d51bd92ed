import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  addDays, isRuleKey, ruleProblems, shanghaiDay, startOfShanghaiDay,
  type AdminRuleDto, type CouponTemplateStatsDto, type RuleKey, type RulePreviewDto, type RuleVersionDto, type ShopRules,
} from '@jifen/shared';
import { listCouponTemplateStats } from '../../api/admin';
import { ApiRequestError } from '../../api/request';
import { listAdminRules, previewRule, revertRule, ruleHistory, updateRule } from '../../api/rules';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import { RulePreview } from './Preview';
import { type Draft, fromDraft, inviteChoices, NUMBER_FIELDS, RULE_TITLES, ruleSummary, templateName, TEXT_FIELDS, toDraft, when } from './draft';
import './edit.scss';

type When = 'now' | 'tomorrow';
const TIER_COLUMNS = [
  { field: 'minGrowth', label: '成长值门槛' },
  { field: 'multiplierPct', label: '积分倍数' },
  { field: 'mallDiscountPct', label: '积分商城少付' },
] as const;
const TIER_UNITS: Record<(typeof TIER_COLUMNS)[number]['field'], string> = { minGrowth: '元（近 12 个月实付）', multiplierPct: '%（120 = 1.2 倍）', mallDiscountPct: '% 积分' };

const STATE_LABEL: Record<RuleVersionDto['state'], string> = { current: '生效中', scheduled: '已预约', past: '已过去' };

/**
 * 修改规则 (?key=earn|tiers|checkin|signup|invites|ledger): the rule's fields with the same
 * coherence checks the server runs, a note and when it takes effect, then every version with
 * 恢复. Owners edit; operators see the rule and its history.
 */
export default function AdminRuleEditPage() {
  const { operator, loading } = useOperator();
  const param = useRouter().params.key ?? '';
  const key: RuleKey = isRuleKey(param) ? param : 'earn';
  const [rule, setRule] = useState<AdminRuleDto | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [note, setNote] = useState('');
  const [effective, setEffective] = useState<When>('now');
  const [history, setHistory] = useState<RuleVersionDto[]>([]);
  const [templates, setTemplates] = useState<CouponTemplateStatsDto[]>([]);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ dto: RulePreviewDto; of: string } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const operatorId = operator?.id ?? null;
  const owner = operator?.role === 'owner';

  const load = () => {
    listAdminRules().then((all) => {
      const r = all.find((x) => x.key === key) ?? null;
      setRule(r);
      if (r) setDraft(toDraft(key, r.value));
    }, () => undefined);
    ruleHistory(key).then(setHistory, () => undefined);
  };
  useEffect(() => {
    if (operatorId === null) return;
    void Taro.setNavigationBarTitle({ title: RULE_TITLES[key] });
    load();
    if (key === 'invites') listCouponTemplateStats().then(setTemplates, () => undefined);
  }, [operatorId, key]);

  if (!operator) return <NotStaff className='rule-edit' loading={loading} />;
  if (!rule) return <View className='rule-edit'><Text className='rule-edit__loading'>加载中…</Text></View>;

  const value = fromDraft(key, draft, rule.value as ShopRules[typeof key]);
  const problems = ruleProblems(key, value);
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const set = (field: string, text: string) => setDraft((d) => ({ ...d, [field]: text }));

  const save = async () => {
    if (problems.length > 0) return void Taro.showToast({ title: problems[0].message, icon: 'none' });
    if (!note.trim()) return void Taro.showToast({ title: '请写明修改原因', icon: 'none' });
    setBusy(true);
    try {
      const effectiveFrom = effective === 'tomorrow' ? startOfShanghaiDay(addDays(shanghaiDay(new Date()), 1)).toISOString() : undefined;
      const saved = await updateRule(key, { value, note: note.trim(), effectiveFrom, baseVersion: rule.head });
      setNote('');
      void Taro.showToast({ title: effective === 'now' ? '已生效' : '已预约明天生效', icon: 'success' });
      setRule(saved);
      setDraft(toDraft(key, saved.value));
      ruleHistory(key).then(setHistory, () => undefined);
    } catch (error) {
      const message = error instanceof ApiRequestError ? error.message : '保存失败，请重试';
      void Taro.showToast({ title: message, icon: 'none' });
      if (error instanceof ApiRequestError && error.code === 'RULE_CHANGED') load();
    } finally {
      setBusy(false);
    }
  };

  const runPreview = async () => {
    if (problems.length > 0) return void Taro.showToast({ title: problems[0].message, icon: 'none' });
    setPreviewing(true);
    try {
      setPreview({ dto: await previewRule(key, value), of: JSON.stringify(value) });
    } catch {
      // the request layer showed why
    } finally {
      setPreviewing(false);
    }
  };

  const revert = async (v: RuleVersionDto) => {
    const { confirm } = await Taro.showModal({
      title: '恢复到这个版本',
      content: `${ruleSummary(key, v.value, templates).join('；')}。恢复后立即生效，并记为新的版本。`,
      confirmText: '恢复',
    });
    if (!confirm) return;
    try {
      const saved = await revertRule(key, { versionId: v.id, note: note.trim() || '恢复旧版本', baseVersion: rule.head });
      void Taro.showToast({ title: '已恢复', icon: 'success' });
      setRule(saved);
      setDraft(toDraft(key, saved.value));
      setNote('');
      ruleHistory(key).then(setHistory, () => undefined);
    } catch {
      load(); // the request layer showed why (e.g. someone saved first)
    }
  };

  const field = (path: string, label: string, unit: string) => (
    <View key={path} className={`rule-edit__field rule-edit__field--${path.replaceAll('.', '-')}`}>
      <Text className='rule-edit__field-label'>{label}</Text>
      <Input className='admin-sheet__input rule-edit__input' type='number' value={draft[path] ?? ''} disabled={!owner} maxlength={9} onInput={(e) => set(path, e.detail.value)} />
      <Text className='rule-edit__unit'>{unit}</Text>
      {problemOf(path) && <Text className='rule-edit__problem'>{problemOf(path)}</Text>}
    </View>
  );

  const tiers = key === 'tiers' ? (rule.value as ShopRules['tiers']).tiers : [];
  const cycle = Number(draft.cycleDays) || 0;

  return (
    <View className='rule-edit'>
      <View className='rule-edit__card'>
        <Text className='rule-edit__label'>{RULE_TITLES[key]}</Text>
        {NUMBER_FIELDS[key].map((f) => field(f.field, f.label, f.unit))}
        {(TEXT_FIELDS[key] ?? []).map((f) => (
          <View key={f.field} className={`rule-edit__field rule-edit__field--text rule-edit__field--${f.field}`}>
            <Text className='rule-edit__field-label'>{f.label}</Text>
            <Input className='admin-sheet__input rule-edit__text' value={draft[f.field] ?? ''} placeholder={f.placeholder} disabled={!owner} maxlength={f.maxlength}
              onInput={(e) => set(f.field, e.detail.value)} />
            {problemOf(f.field) && <Text className='rule-edit__problem'>{problemOf(f.field)}</Text>}
          </View>
        ))}
        {key === 'checkin' && cycle > 0 && cycle <= 31 && (
          <>
            <Text className='rule-edit__label'>连签额外奖励（留空为无）</Text>
            {Array.from({ length: cycle }, (_, i) => i + 1).map((day) => field(`streakBonuses.${day}`, `连签第 ${day} 天`, '积分'))}
          </>
        )}
        {tiers.map((t, i) => (
          <View key={t.name} className={`rule-edit__tier rule-edit__tier--${t.name}`}>
            <View className='rule-edit__field'>
              <Text className='rule-edit__field-label'>等级名称</Text>
              <Input className='admin-sheet__input rule-edit__input rule-edit__tier-label' value={draft[`tiers.${i}.label`] ?? ''} disabled={!owner} maxlength={8}
                onInput={(e) => set(`tiers.${i}.label`, e.detail.value)} />
              {problemOf(`tiers.${i}.label`) && <Text className='rule-edit__problem'>{problemOf(`tiers.${i}.label`)}</Text>}
            </View>
            {TIER_COLUMNS.map((c) => field(`tiers.${i}.${c.field}`, c.label, TIER_UNITS[c.field]))}
          </View>
        ))}
        {key === 'invites' && (
          <>
            <Text className='rule-edit__label'>好友首单得（邀请页会写明这张券）</Text>
            <View className='admin-sheet__chips rule-edit__coupons'>
              <Text className={`admin-sheet__chip rule-edit__coupon rule-edit__coupon--none${draft.inviteeTemplateId ? '' : ' admin-sheet__chip--active'}`}
                onClick={() => owner && set('inviteeTemplateId', '')}>不发券</Text>
              {inviteChoices(templates, draft.inviteeTemplateId ? Number(draft.inviteeTemplateId) : null).map((t) => (
                <Text key={t.id} className={`admin-sheet__chip rule-edit__coupon rule-edit__coupon--${t.id}${draft.inviteeTemplateId === String(t.id) ? ' admin-sheet__chip--active' : ''}`}
                  onClick={() => owner && set('inviteeTemplateId', String(t.id))}>{templateName(t)}{t.status === 'on' ? '' : '（已停用）'}</Text>
              ))}
            </View>
            {problemOf('inviteeTemplateId') && <Text className='rule-edit__problem'>{problemOf('inviteeTemplateId')}</Text>}
          </>
        )}
        {problemOf('tiers') && <Text className='rule-edit__problem'>{problemOf('tiers')}</Text>}
      </View>

      {owner && (
        <View className='rule-edit__card'>
          <Text className='rule-edit__label'>修改原因</Text>
          <Input className='admin-sheet__input rule-edit__note' value={note} placeholder='如：双十二签到加码' maxlength={100} onInput={(e) => setNote(e.detail.value)} />
          <Text className='rule-edit__label'>生效时间</Text>
          <View className='admin-sheet__modes'>
            {([['now', '立即生效'], ['tomorrow', '明天 0 点生效']] as const).map(([w, label]) => (
              <Text key={w} className={`admin-sheet__mode rule-edit__when rule-edit__when--${w}${effective === w ? ' admin-sheet__mode--active' : ''}`} onClick={() => setEffective(w)}>{label}</Text>
            ))}
          </View>
          <Text className='rule-edit__preview'>{problems.length === 0 ? ruleSummary(key, value, templates).join('；') : `还有 ${problems.length} 处需要修改`}</Text>
          {key !== 'shop' && (
            <Text className={`rule-edit__what-if${problems.length > 0 || previewing ? ' rule-edit__what-if--off' : ''}`} onClick={() => void runPreview()}>
              {previewing ? '正在回放过去 30 天…' : preview ? '重新预览影响' : '预览影响：按新规则回放过去 30 天'}
            </Text>
          )}
          {preview && <RulePreview preview={preview.dto} stale={preview.of !== JSON.stringify(value)} />}
        </View>
      )}

      <View className='rule-edit__card rule-edit__history'>
        <Text className='rule-edit__label'>版本记录</Text>
        {history.length === 0 && <Text className='rule-edit__empty'>还没有修改过，当前为默认规则</Text>}
        {history.map((v) => (
          <View key={v.id} className={`rule-edit__version rule-edit__version--${v.state}`}>
            <View className='rule-edit__version-head'>
              <Text className='rule-edit__version-tag'>{STATE_LABEL[v.state]}</Text>
              <Text className='rule-edit__version-meta'>#{v.id} · {v.by ?? '系统'} · {when(v.effectiveFrom)} 起</Text>
            </View>
            {v.note && <Text className='rule-edit__version-note'>{v.note}</Text>}
            <Text className='rule-edit__version-value'>{ruleSummary(key, v.value, templates).join('；')}</Text>
            {owner && v.state !== 'current' && (
              <Text className='rule-edit__revert' onClick={() => void revert(v)}>恢复此版本</Text>
            )}
          </View>
        ))}
      </View>

      {owner && (
        <View className='rule-edit__bar'>
          <Button className='rule-edit__submit' disabled={busy || undefined} onClick={() => void save()}>{busy ? '保存中…' : key === 'shop' ? '保存店铺信息' : '保存规则'}</Button>
        </View>
      )}
    </View>
  );
}
