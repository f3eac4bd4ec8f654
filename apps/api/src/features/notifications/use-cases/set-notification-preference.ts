import { NOTIFICATION_AUDIENCE, type NotificationKind, SMS_DEFAULT } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { preferencesOf, setPreferenceIf } from '../notifications.repository.ts';

/**
 * A user chooses whether a kind also comes by SMS (in-app is always on). Compare-and-set on the stored
 * value: a request that changes nothing (a concurrent identical one already did) is 409.
 */
export async function setNotificationPreference(deps: Deps, actor: Actor, input: { kind: NotificationKind; sms: boolean }) {
  const userId = userIdOf(actor);
  const audience = actor.kind === 'applicant' ? 'applicant' : 'staff';
  if (NOTIFICATION_AUDIENCE[input.kind] !== audience) throw new AppError('NOTIFICATION.KIND_NOT_YOURS', '您的账号不会收到此类通知', { kind: input.kind });
  return transact(deps, actor, async (trx, audit) => {
    const current = (await preferencesOf(trx, userId)).get(input.kind) ?? SMS_DEFAULT[input.kind];
    const unchanged = () => new AppError('NOTIFICATION.PREFERENCE_UNCHANGED', '该通知方式已是所选设置', { kind: input.kind });
    if (current === input.sms) throw unchanged();
    if (!(await setPreferenceIf(trx, userId, input.kind, input.sms, deps.now().toISOString()))) throw unchanged();
    await audit({ action: 'notification.preference', targetType: 'user', targetId: userId, details: { kind: input.kind, channel: 'sms', enabled: input.sms } });
    return { kind: input.kind, sms: input.sms };
  });
}
