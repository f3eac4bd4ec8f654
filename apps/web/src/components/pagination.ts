import type { TablePaginationConfig } from 'antd';

/**
 * The pager of a table whose rows are all in the browser: it says how many there are (共 N 条). When the
 * server cut the list — it returns at most `cap` rows, or said there are more (`more`) — the count is what
 * is shown, not a total, and the pager says so (已显示最新 N 条) instead of passing it off as one.
 */
export function pageWithTotal(opts: { pageSize?: number; cap?: number; more?: boolean } = {}): TablePaginationConfig {
  return {
    pageSize: opts.pageSize ?? 10,
    showSizeChanger: false,
    showTotal: (total) => (opts.more || (opts.cap !== undefined && total >= opts.cap) ? `已显示最新 ${total} 条，可筛选缩小范围` : `共 ${total} 条`),
  };
}
