import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CouponBatchDto, type CouponTemplateStatsDto, DEFAULT_RULES, holdoutSize, type ShopRules, type TagDto } from '@jifen/shared';
import { listCouponTemplateStats } from '../../api/admin';
import { previewBatch, sendBatch, sendWinback } from '../../api/marketing';
import { ApiRequestError } from '../../api/request';
import { listAdminRules } from '../../api/rules';
import { BottomSheet } from '../../components/BottomSheet';
import { parseWhole } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/idempotency';
import './SendSheet.scss';

export type SendTarget = { kind: 'targeted'; tag: TagDto } | { kind: 'winback'; atRisk: number };

/**
 * 定向发券 / 一键挽回: pick a template that is on, see how many it reaches before sending, send
 * once (one key per opened sheet, so a double tap or a retry sends one batch). A win-back
 * keeps a random share back as the comparison group, and reads the result after N days.
 */
export function SendSheet({ target, onClose, onSent }: { target: SendTarget; onClose: () => void; onSent: (b: CouponBatchDto) => void }) {
  const [templates, setTemplates] = useState<CouponTemplateStatsDto[] | null>(null);
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [audience, setAudience] = useState<number | null>(target.kind === 'winback' ? target.atRisk : null);
  const [holdout, setHoldout] = useState(String(DEFAULT_RULES.segments.winbackHoldoutPct));
  const [days, setDays] = useState(String(DEFAULT_RULES.segments.winbackDays));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey(target.kind));
  const tagId = target.kind === 'targeted' ? target.tag.id : null;

  useEffect(() => {
    listCouponTemplateStats().then((all) => setTemplates(all.filter((t) => t.status === 'on')), () => setTemplates([]));
    if (tagId !== null) previewBatch(tagId).then((p) => setAudience(p.audience), () => setAudience(null));
    else {
      listAdminRules().then((rules) => {
        const v = rules.find((r) => r.key === 'segments')?.value as ShopRules['segments'] | undefined;
        if (v) {
          setHoldout(String(v.winbackHoldoutPct));
          setDays(String(v.winbackDays));
        }
      }, () => undefined);
    }
  }, [tagId]);

  const pct = parseWhole(holdout, 3);
  const held = target.kind === 'winback' && Number.isInteger(pct) ? holdoutSize(target.atRisk, pct) : 0;

  const submit = async () => {
    if (templateId === null) return setProblem('请选择要发的优惠券');
    if (target.kind === 'winback' && !(pct >= 0 && pct <= 50)) return setProblem('对照组比例须为 0–50 的整数');
    if (target.kind === 'winback' && !(parseWhole(days, 3) >= 1 && parseWhole(days, 3) <= 180)) return setProblem('观察天数须为 1–180 的整数');
    if (target.kind === 'winback' && held >= target.atRisk) return setProblem('对照组比例过高：没有会员会收到券');
    setBusy(true);
    setProblem(null);
    try {
      const batch = target.kind === 'targeted'
        ? await sendBatch({ templateId, tagId: target.tag.id }, key.current)
        : await sendWinback({ templateId, holdoutPct: pct, days: parseWhole(days, 3) }, key.current);
      void Taro.showToast({ title: `正在发给 ${batch.audience} 人`, icon: 'none' });
      onSent(batch);
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message.replace(/^\w+:\s*/, '') : '发送失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const title = target.kind === 'targeted' ? `定向发券 · ${target.tag.name}` : '一键挽回';
  return (
    <BottomSheet open title={title} onClose={onClose} className='admin-sheet send-sheet'
      footer={<Button className='bottom-sheet__confirm send-sheet__confirm' disabled={busy || audience === 0 || undefined} onClick={() => void submit()}>{busy ? '发送中…' : '确认发送'}</Button>}>
      <View className='send-sheet__reach'>
        {target.kind === 'targeted' ? (
          <Text className='send-sheet__count'>{audience === null ? '正在统计人数…' : `将发给 ${audience} 位会员`}</Text>
        ) : (
          <Text className='send-sheet__count'>{`${target.atRisk} 位流失风险会员：${target.atRisk - held} 人发券，${held} 人作对照组不发`}</Text>
        )}
        <Text className='send-sheet__reach-hint'>每人按券的每人限领发放，已达上限或券已发完的会员会跳过；持有订阅的会员会收到到账提醒。</Text>
      </View>
      <Text className='admin-sheet__label'>发哪张券</Text>
      {templates === null ? <Text className='admin-sheet__hint'>加载中…</Text> : templates.length === 0 ? (
        <Text className='admin-sheet__hint'>没有发放中的优惠券，请先在「优惠券」中新建或启用。</Text>
      ) : (
        <View className='admin-sheet__picker'>
          {templates.map((t) => (
            <View key={t.id} className={`send-sheet__template${templateId === t.id ? ' send-sheet__template--active' : ''}`} onClick={() => setTemplateId(t.id)}>
              <Text className='send-sheet__template-name'>{t.name}</Text>
              <Text className='send-sheet__template-rule'>{t.label} · {t.validity.type === 'relative' ? `领取后 ${t.validity.days} 天有效` : '固定有效期'}{t.total === null ? '' : ` · 剩 ${t.total - t.issued} 张`}</Text>
            </View>
          ))}
        </View>
      )}
      {target.kind === 'winback' && (
        <View className='send-sheet__winback'>
          <View className='send-sheet__row'>
            <Text className='send-sheet__row-label'>对照组</Text>
            <Input className='admin-sheet__input send-sheet__holdout' type='number' value={holdout} maxlength={2} onInput={(e) => setHoldout(e.detail.value)} />
            <Text className='send-sheet__row-unit'>% 不发券</Text>
          </View>
          <View className='send-sheet__row'>
            <Text className='send-sheet__row-label'>观察</Text>
            <Input className='admin-sheet__input send-sheet__days' type='number' value={days} maxlength={3} onInput={(e) => setDays(e.detail.value)} />
            <Text className='send-sheet__row-unit'>天后看效果</Text>
          </View>
          <Text className='admin-sheet__hint'>对照组随机抽取、不发券。到期后比较两组的回购率，才知道券是否真的带回了顾客。</Text>
        </View>
      )}
      {problem && <Text className='send-sheet__problem'>{problem}</Text>}
    </BottomSheet>
  );
}
