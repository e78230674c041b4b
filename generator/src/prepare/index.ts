/**
 * Loads every op's prepare module (each registers itself in registry.ts).
 * One import per module; keep the list sorted.
 */
import './activations';
import './concatenation';
import './conv2d';
import './depthwise_conv2d';
import './dsp';
import './elementwise';
import './fully_connected';
import './mean';
import './pad';
import './pooling';
import './quantize';
import './reshape';
import './softmax';
import './strided_slice';
import './transpose';

export { PREPARE } from './registry';
