/**
 * Server state through @tanstack/react-query: one QueryClient, reads keyed by their API path, and
 * mutations that invalidate the reads they change. `api()` (api.ts) stays the transport, so a failed
 * read or write is still an ApiError with the server's code and Chinese message.
 */
import { QueryClient, type UseQueryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api } from './api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The back office works on live cases: refetch on mount, but do not hammer the API on focus.
      refetchOnWindowFocus: false,
      staleTime: 0,
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 1,
    },
  },
});

/** The query key of a GET: the API path split at `/` and `?` so a prefix invalidates a family of reads. */
export function apiKey(path: string): string[] {
  return [
    'api',
    ...path
      .replace(/^\/api\/v1\//, '')
      .split(/[/?]/)
      .filter(Boolean),
  ];
}

/** A GET of the API as a query (`path: null` disables it until its inputs are known). */
export function useApi<T>(path: string | null, options: Omit<UseQueryOptions<T, ApiError>, 'queryKey' | 'queryFn'> = {}) {
  return useQuery<T, ApiError>({
    queryKey: path ? apiKey(path) : ['api', 'disabled'],
    queryFn: () => api<T>(path as string),
    enabled: path !== null && (options.enabled ?? true),
    ...options,
  });
}

/**
 * Marks the reads under these API paths stale (refetching those on screen): e.g.
 * `invalidateApi('/api/v1/licensing/applications')` after an action on an application.
 */
export function invalidateApi(...paths: string[]): Promise<void> {
  return Promise.all(paths.map((p) => queryClient.invalidateQueries({ queryKey: apiKey(p) }))).then(() => undefined);
}

/** A write to the API: `{ url, body, method = 'POST', headers }`. */
export interface ApiWrite<B> {
  url: string;
  body?: B;
  method?: 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
}

/**
 * A write to the API as a mutation; on success the reads under `invalidates` are marked stale (by default
 * every API read: an action changes its record and the lists and counters it appears in).
 */
export function useApiMutation<R = unknown, B = unknown>(...invalidates: string[]) {
  const paths = invalidates.length ? invalidates : ['/api/v1/'];
  return useMutation<R, ApiError, ApiWrite<B>>({
    mutationFn: ({ url, body, method = 'POST', headers }) => api<R>(url, { method, body, headers }),
    onSuccess: () => invalidateApi(...paths),
  });
}
