/**
 * Loads every op's prepare module (each registers itself in registry.ts).
 * One import per module; keep the list sorted.
 */
import './conv2d';
import './depthwise_conv2d';
import './elementwise';
import './fully_connected';
import './pooling';
import './reshape';
import './softmax';

export { PREPARE } from './registry';
