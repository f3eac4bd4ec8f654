import { Alert, Button, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { draftKey, readDraft, removeDraft, writeDraft } from '../drafts.ts';

export interface FormDraft {
  /**
   * The person changed something: pass to `<Form onValuesChange>` and call it where they change the state
   * beside the form (an upload). Every change is kept at once; nothing is kept before the first change.
   */
  changed: () => void;
  /** Call after the form was saved or submitted: the draft is no longer needed. */
  clear: () => void;
  /** “已恢复…” with a 放弃 button, shown while a restored draft is on screen (null otherwise). */
  notice: ReactNode;
}

/**
 * Keeps what a person types into a form in this browser (drafts.ts), per user and page, and puts it back
 * when they come back to the page — after a timed-out session (the login page returns them here), a reload
 * or a closed tab. `extra` is state held beside the form (e.g. uploaded files), restored by `onRestoreExtra`.
 * `ready`: the form is on screen with its initial and server values; the draft is applied over them once.
 */
export function useFormDraft<V, X = null>(
  form: FormInstance<V>,
  opts: { ready: boolean; extra?: X; onRestoreExtra?: (x: X) => void; onDiscard?: () => void },
): FormDraft {
  const { me } = useAuth();
  const { pathname } = useLocation();
  const key = me ? draftKey(me.id, pathname) : null;
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const appliedTo = useRef<string | null>(null);
  const dirty = useRef(false);
  const { ready, extra, onRestoreExtra, onDiscard } = opts;

  // Not data fetching: once the form is ready, the draft kept in this browser (if any) is put back, once per page.
  useEffect(() => {
    if (!key || !ready || appliedTo.current === key) return;
    appliedTo.current = key;
    const d = readDraft<V, X>(key);
    if (!d) return;
    dirty.current = true;
    form.setFieldsValue(d.values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    if (d.extra !== null && onRestoreExtra) onRestoreExtra(d.extra);
    setRestoredAt(d.savedAt);
  }, [key, ready, form, onRestoreExtra]);

  const save = useCallback(() => {
    if (key && appliedTo.current === key && dirty.current) writeDraft(key, form.getFieldsValue(true), extra ?? null);
  }, [key, form, extra]);
  const changed = useCallback(() => {
    dirty.current = true;
    save();
  }, [save]);
  // State beside the form (uploads) is kept when it changes after the person's first change.
  useEffect(() => {
    save();
  }, [save]);

  const clear = useCallback(() => {
    if (key) removeDraft(key);
    dirty.current = false;
    setRestoredAt(null);
  }, [key]);

  const notice =
    restoredAt === null ? null : (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`已恢复您在本机未提交的填写内容（保存于 ${dayjs(restoredAt).format('YYYY-MM-DD HH:mm')}）`}
        action={
          <Button
            size="small"
            onClick={() => {
              clear();
              form.resetFields();
              onDiscard?.();
            }}
          >
            放弃草稿
          </Button>
        }
      />
    );
  return { changed, clear, notice };
}
