/** Writes to the API as React Query mutations (apart from query.ts so the portal home's bundle does not carry them). */
import { useMutation } from '@tanstack/react-query';
import { type ApiError, api } from './api.ts';
import { invalidateApi } from './query.ts';

/** A write to the API: `{ url, body, method = 'POST', headers }`. */
export interface ApiWrite<B> {
  url: string;
  body?: B;
  method?: 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
}

/**
 * A write to the API as a mutation; on success the reads under `invalidates` are marked stale (by default
 * every API read: an action changes its record and the lists and counters it appears in) and refetched in
 * the background: the person is told the outcome as soon as the server answers, not after every list on
 * the page has been reloaded.
 */
export function useApiMutation<R = unknown, B = unknown>(...invalidates: string[]) {
  const paths = invalidates.length ? invalidates : ['/api/v1/'];
  return useMutation<R, ApiError, ApiWrite<B>>({
    mutationFn: ({ url, body, method = 'POST', headers }) => api<R>(url, { method, body, headers }),
    onSuccess: () => {
      void invalidateApi(...paths);
    },
  });
}
