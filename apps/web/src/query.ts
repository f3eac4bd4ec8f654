/**
 * Server state through @tanstack/react-query: one QueryClient, reads keyed by their API path, and
 * mutations that invalidate the reads they change. `api()` (api.ts) stays the transport, so a failed
 * read or write is still an ApiError with the server's code and Chinese message.
 */
import { QueryClient, type UseQueryOptions, useQuery } from '@tanstack/react-query';
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
