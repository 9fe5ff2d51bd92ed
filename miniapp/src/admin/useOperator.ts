import { isOperator, type MeDto } from '@jifen/shared';
import { useSession } from '../store/session';

/** The signed-in operator (owner / operator), or null; `loading` while the session settles. */
export function useOperator(): { operator: MeDto | null; loading: boolean } {
  const { status, member } = useSession();
  return { operator: member && isOperator(member.role) ? member : null, loading: status === 'loading' };
}
