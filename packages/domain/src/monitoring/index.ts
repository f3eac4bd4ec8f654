export * from './gbt26875.ts';
export * from './message.ts';
export * from './trigger.ts';
