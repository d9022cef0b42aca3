import { storage } from '#imports';
import type { GasAlert } from '@/core/gas/alerts';

/** The user's gas alerts, one per chain. */
export const gasAlertsItem = storage.defineItem<GasAlert[]>('local:gasAlerts', { fallback: [] });
