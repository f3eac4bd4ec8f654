import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, api } from '../api.ts';

/**
 * A POST from a back-office action: success message, then `after` (close dialogs, reload); the server's
 * Chinese message on failure.
 */
export function usePost(after: () => void) {
  const { message } = App.useApp();
  return useCallback(
    async (url: string, body: unknown, ok: string) => {
      try {
        await api(url, { method: 'POST', body });
        message.success(ok);
        after();
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '操作失败');
      }
    },
    [after, message],
  );
}
