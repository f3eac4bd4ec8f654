import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_MENU_GROUPS, breadcrumbOf, filePathOf, menuOf, ROUTES, routeOf } from './routes.ts';

describe('breadcrumbs, file links and unknown addresses come from the routes list', () => {
  it('a file page sits under its menu page: 工作台 / 许可办件 / 办件详情', () => {
    assert.deepEqual(breadcrumbOf('/admin/applications/0193-abc'), [
      { label: '工作台', to: '/admin' },
      { label: '许可办件', to: '/admin/applications' },
      { label: '办件详情' },
    ]);
    assert.deepEqual(
      breadcrumbOf('/admin/tasks/t1').map((c) => c.label),
      ['工作台', '检查任务', '任务详情'],
    );
    assert.deepEqual(
      breadcrumbOf('/admin/orders/o1').map((c) => c.label),
      ['工作台', '隐患整改', '整改通知详情'],
    );
  });
  it('a menu page has the home crumb and its own label; the home page one crumb', () => {
    assert.deepEqual(breadcrumbOf('/admin/units'), [{ label: '工作台', to: '/admin' }, { label: '社会单位' }]);
    assert.deepEqual(breadcrumbOf('/admin'), [{ label: '工作台' }]);
    assert.deepEqual(breadcrumbOf('/admin/'), [{ label: '工作台' }]);
  });
  it('an unknown back-office address is 页面不存在, not another page', () => {
    assert.equal(routeOf('/admin/no-such-page'), undefined);
    assert.deepEqual(
      breadcrumbOf('/admin/no-such-page').map((c) => c.label),
      ['工作台', '页面不存在'],
    );
    assert.equal(routeOf('/no/such/page'), undefined);
  });
  it('every back-office page without a menu entry has a breadcrumb title', () => {
    for (const r of ROUTES.filter((x) => x.layout === 'admin' && !x.menu)) assert.ok(r.title, `${r.path} has no title`);
  });
  it('a clock opens the page of its file; targets without a page give no link', () => {
    assert.equal(filePathOf('application', 'a1'), '/admin/applications/a1');
    assert.equal(filePathOf('inspection_task', 't1'), '/admin/tasks/t1');
    assert.equal(filePathOf('rectification_order', 'o1'), '/admin/orders/o1');
    assert.equal(filePathOf('calendar', '2027'), null);
    // A credit request is decided in its queue (CRD-03): its clock opens the queue.
    assert.equal(filePathOf('credit_request', 'r1'), '/admin/credit/requests');
    for (const type of ['application', 'inspection_task', 'rectification_order', 'complaint', 'credit_request']) {
      const path = filePathOf(type, 'x')!;
      assert.ok(routeOf(path), `${path} is a page of the routes list`);
    }
  });
});

describe('the back office menu in sections', () => {
  it('every section entry is an admin menu page, listed once; the ungrouped ones are the workbench and leaders’ pages', () => {
    const admin = new Set(menuOf('admin').map((r) => r.path));
    const seen = new Set<string>();
    for (const g of ADMIN_MENU_GROUPS) {
      assert.ok(g.paths.length > 0, g.label);
      for (const p of g.paths) {
        assert.ok(admin.has(p), `${g.label}: ${p} is an admin menu page`);
        assert.ok(!seen.has(p), `${p} is in one section only`);
        seen.add(p);
      }
    }
    const ungrouped = [...admin].filter((p) => !seen.has(p));
    assert.ok(ungrouped.length <= 6, `too many entries outside a section: ${ungrouped.join(', ')}`);
  });
});
