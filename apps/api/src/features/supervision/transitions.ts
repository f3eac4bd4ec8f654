import {
  type ExtensionAction,
  type ExtensionStatus,
  type InspectionTaskAction,
  type InspectionTaskStatus,
  nextExtensionStatus,
  nextOrderStatus,
  nextTaskStatus,
  type OrderAction,
  type OrderStatus,
} from '@fep/domain';
import { AppError } from '../../platform/errors.ts';

/** The domain transition tables, with their refusals as 409s of stable codes (and a Chinese message). */
export function orderStep(from: OrderStatus, action: OrderAction, message: string): OrderStatus {
  try {
    return nextOrderStatus(from, action);
  } catch {
    throw new AppError('SUPERVISION.ORDER_STATE', message, { status: from, action });
  }
}

export function extensionStep(from: ExtensionStatus, action: ExtensionAction): ExtensionStatus {
  try {
    return nextExtensionStatus(from, action);
  } catch {
    throw new AppError('SUPERVISION.ORDER_STATE', '该延期申请已审批', { status: from, action });
  }
}

export function taskStep(from: InspectionTaskStatus, action: InspectionTaskAction, message: string): InspectionTaskStatus {
  try {
    return nextTaskStatus(from, action);
  } catch {
    throw new AppError('SUPERVISION.TASK_STATE', message, { status: from, action });
  }
}
