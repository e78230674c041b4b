/**
 * Loads every op's prepare module (each registers itself in registry.ts).
 * One import per module; keep the list sorted.
 */
import './fully_connected';
import './reshape';

export { PREPARE } from './registry';
