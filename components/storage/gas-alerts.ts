import { storage } from '#imports';
import type { GasAlert } from '@/core/gas/alerts';
import type { IdleState } from '@/core/gas/idle-schedule';

/** The user's gas alerts, one per chain. */
export const gasAlertsItem = storage.defineItem<GasAlert[]>('local:gasAlerts', { fallback: [] });

/** Per chain, when the alarm last synced its fee history (core/gas/idle-schedule.ts): the worker is stopped between alarms. */
export const gasIdleItem = storage.defineItem<IdleState>('local:gasIdle', { fallback: {} });
