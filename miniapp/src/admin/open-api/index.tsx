import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CreatedOpenApiKeyDto, OPEN_API_SCOPE_LABELS, OPEN_API_SCOPES, type OpenApiKeyDto, type OpenApiRequestDto, type OpenApiScope } from '@jifen/shared';
import { createOpenApiKey, listOpenApiKeys, listOpenApiRequests, revokeOpenApiKey } from '../../api/open-api';
import { ApiRequestError } from '../../api/request';
import { BottomSheet } from '../../components/BottomSheet';
import { formatShanghaiTime } from '../../utils/format';
import { NotStaff } from '../NotStaff';
import { useOperator } from '../useOperator';
import './index.scss';

/** 新建密钥: a name and what the key may do; the secret comes back once. */
function KeySheet({ onClose, onCreated }: { onClose: () => void; onCreated: (k: CreatedOpenApiKeyDto) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<OpenApiScope[]>(['points:earn', 'points:spend']);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (s: OpenApiScope) => setScopes((all) => (all.includes(s) ? all.filter((x) => x !== s) : [...all, s]));
  const submit = async () => {
    if (!name.trim()) return setProblem('请填写用途，如「南京路店收银」');
    if (scopes.length === 0) return setProblem('请至少选择一项权限');
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await createOpenApiKey({ name: name.trim(), scopes }));
    } catch (e) {
      setProblem(e instanceof ApiRequestError ? e.message.replace(/^\w+:\s*/, '') : '创建失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <BottomSheet open title='新建密钥' onClose={onClose} className='admin-sheet key-sheet'
      footer={<Button className='bottom-sheet__confirm key-sheet__confirm' disabled={busy || undefined} onClick={() => void submit()}>{busy ? '创建中…' : '创建'}</Button>}>
      <Text className='admin-sheet__label'>用途</Text>
      <Input className='admin-sheet__input key-sheet__name' value={name} placeholder='如：南京路店收银' maxlength={40} onInput={(e) => setName(e.detail.value)} />
      <Text className='admin-sheet__label'>权限</Text>
      <View className='admin-sheet__chips'>
        {OPEN_API_SCOPES.map((s) => (
          <Text key={s} className={`admin-sheet__chip key-sheet__scope key-sheet__scope--${s.replace(':', '-')}${scopes.includes(s) ? ' admin-sheet__chip--active' : ''}`} onClick={() => toggle(s)}>
            {OPEN_API_SCOPE_LABELS[s]}
          </Text>
        ))}
      </View>
      <Text className='admin-sheet__hint'>密钥只在创建时显示一次，请交给收银系统妥善保存；泄露后在此停用并重新创建。</Text>
      {problem && <Text className='key-sheet__problem'>{problem}</Text>}
    </BottomSheet>
  );
}

/**
 * 开放接口 (owners): keys for a store's POS and other shops to earn, spend and look members up
 * with signed requests; the secret shown once, 停用 at once; each key's latest requests.
 */
export default function OpenApiPage() {
  const { operator, loading } = useOperator();
  const owner = operator?.role === 'owner';
  const [keys, setKeys] = useState<OpenApiKeyDto[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedOpenApiKeyDto | null>(null);
  const [open, setOpen] = useState<{ keyId: string; requests: OpenApiRequestDto[] | null } | null>(null);

  const load = useCallback(() => {
    if (owner) listOpenApiKeys().then(setKeys, () => setKeys([]));
  }, [owner]);
  useEffect(load, [load]);

  if (!operator || !owner) return <NotStaff className='open-api' loading={loading} screen='管理开放接口' owners />;
  if (keys === null) return <View className='open-api'><Text className='open-api__loading'>加载中…</Text></View>;

  const revoke = async (k: OpenApiKeyDto) => {
    const { confirm } = await Taro.showModal({ title: `停用「${k.name}」？`, content: '停用后使用该密钥的收银系统立即无法调用，且不能恢复。' });
    if (!confirm) return;
    await revokeOpenApiKey(k.keyId);
    load();
  };
  const show = (k: OpenApiKeyDto) => {
    if (open?.keyId === k.keyId) return setOpen(null);
    setOpen({ keyId: k.keyId, requests: null });
    listOpenApiRequests(k.keyId).then((requests) => setOpen({ keyId: k.keyId, requests }), () => setOpen({ keyId: k.keyId, requests: [] }));
  };

  return (
    <View className='open-api'>
      <Text className='open-api__intro'>门店收银（POS）或其他渠道用密钥签名调用开放接口：按会员码或手机号查会员、消费得积分、积分抵扣、退款撤销。签名方式见服务端 /api/docs。</Text>
      {created && (
        <View className='open-api__secret'>
          <Text className='open-api__secret-title'>「{created.name}」已创建，密钥只显示这一次</Text>
          <Text className='open-api__secret-line open-api-key-id'>Key ID：{created.keyId}</Text>
          <Text className='open-api__secret-line open-api-secret' userSelect>Secret：{created.secret}</Text>
          <Button className='open-api__copy' onClick={() => void Taro.setClipboardData({ data: `${created.keyId}\n${created.secret}` })}>复制</Button>
        </View>
      )}
      {keys.length === 0 ? <Text className='open-api__empty'>还没有密钥</Text> : keys.map((k) => (
        <View key={k.keyId} className={`open-key open-key--${k.status}`}>
          <View className='open-key__head' onClick={() => show(k)}>
            <Text className='open-key__name'>{k.name}</Text>
            <Text className={`open-key__status open-key__status--${k.status}`}>{k.status === 'active' ? '使用中' : '已停用'}</Text>
          </View>
          <Text className='open-key__id'>{k.keyId} · {k.scopes.map((s) => OPEN_API_SCOPE_LABELS[s]).join('、')}</Text>
          <Text className='open-key__used'>{k.lastUsedAt ? `最近调用 ${formatShanghaiTime(k.lastUsedAt)}` : '尚未调用'}</Text>
          {k.status === 'active' && <Text className='open-key__revoke' onClick={() => void revoke(k)}>停用</Text>}
          {open?.keyId === k.keyId && (
            <View className='open-key__log'>
              {open.requests === null ? <Text className='open-key__log-empty'>加载中…</Text> : open.requests.length === 0 ? <Text className='open-key__log-empty'>还没有请求</Text>
                : open.requests.map((r, i) => (
                  <Text key={i} className={`open-key__request${r.status >= 400 ? ' open-key__request--refused' : ''}`}>
                    {formatShanghaiTime(r.at).slice(5)} {r.method} {r.path} {r.status}{r.code ? ` ${r.code}` : ''}
                  </Text>
                ))}
            </View>
          )}
        </View>
      ))}
      <Button className='open-api__new' onClick={() => setCreating(true)}>＋ 新建密钥</Button>
      {creating && <KeySheet onClose={() => setCreating(false)} onCreated={(k) => { setCreating(false); setCreated(k); load(); }} />}
    </View>
  );
}
