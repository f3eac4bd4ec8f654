import { useMutation } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, api } from '../api.ts';
import { invalidateApi } from '../query.ts';

/**
 * A POST from a back-office action (a React Query mutation): success message, then the API reads it may
 * change are refetched and `after` runs (close dialogs, reload); the server's Chinese message on failure.
 */
export function usePost(after: () => void) {
  const { message } = App.useApp();
  const { mutateAsync } = useMutation({
    mutationFn: ({ url, body }: { url: string; body: unknown }) => api(url, { method: 'POST', body }),
    // An action changes the record and the lists it appears in: mark every API read stale.
    onSuccess: () => invalidateApi('/api/v1/'),
  });
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
