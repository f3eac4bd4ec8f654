import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api.ts';
import { useApiMutation } from '../mutation.ts';

/**
 * A POST from a back-office action (a React Query mutation): success message, then the API reads it may
 * change are refetched and `after` runs (close dialogs, reload); the server's Chinese message on failure.
 */
export function usePost(after: () => void) {
  const { message } = App.useApp();
  // An action changes the record and the lists it appears in: every API read is marked stale.
  const { mutateAsync } = useApiMutation();
  return useCallback(
    async (url: string, body: unknown, ok: string) => {
      try {
        await mutateAsync({ url, body });
        message.success(ok);
        after();
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '操作失败');
      }
    },
    [after, message, mutateAsync],
  );
}
