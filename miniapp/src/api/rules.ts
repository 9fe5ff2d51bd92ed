import type { AdminRuleDto, PublicRulesDto, RuleKey, RulePreviewDto, RulePreviewRequest, RuleRevertRequest, RuleUpdateRequest, RuleVersionDto } from '@jifen/shared';
import { request } from './request';

/** The rules shoppers' pages word their promises from. Silent: a page without them shows no rule text. */
export function getRules(): Promise<PublicRulesDto> {
  return request({ method: 'GET', path: '/api/rules', silent: true });
}

// ---- 管理 (read by owners and operators, changed by owners) ----

export function listAdminRules(): Promise<AdminRuleDto[]> {
  return request({ method: 'GET', path: '/api/admin/rules' });
}

export function ruleHistory(key: RuleKey): Promise<RuleVersionDto[]> {
  return request({ method: 'GET', path: `/api/admin/rules/${key}/history` });
}

/** The whole rule with the head it was read at; 409 RULE_CHANGED when someone saved first. */
export function updateRule(key: RuleKey, body: RuleUpdateRequest): Promise<AdminRuleDto> {
  return request({ method: 'PUT', path: `/api/admin/rules/${key}`, data: body, silent: true });
}

export function revertRule(key: RuleKey, body: RuleRevertRequest): Promise<AdminRuleDto> {
  return request({ method: 'POST', path: `/api/admin/rules/${key}/revert`, data: body });
}

/** What the last 30 days would have issued under the draft; changes nothing. */
export function previewRule(key: RuleKey, value: RulePreviewRequest['value']): Promise<RulePreviewDto> {
  return request({ method: 'POST', path: `/api/admin/rules/${key}/preview`, data: { value } });
}
