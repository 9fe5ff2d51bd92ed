import { useEffect, useState } from 'react';
import type { PublicRulesDto } from '@jifen/shared';
import { getRules } from '../api/rules';

let last: PublicRulesDto | null = null;

/**
 * The shop's rules as the server has them. The last answer shows at once and each mount asks
 * again, so a rule an owner just changed reaches the page on its next visit; null until the
 * first answer (pages then show no rule text rather than a guess).
 */
export function useShopRules(): PublicRulesDto | null {
  const [rules, setRules] = useState(last);
  useEffect(() => {
    let live = true;
    getRules().then((r) => {
      last = r;
      if (live) setRules(r);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return rules;
}
