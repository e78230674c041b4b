/**
 * The DSP-extension kernels (Cortex-M4/M7/M33/M55): each module registers a specializer that
 * swaps a reference int8 kernel for the fast one when `--kernels dsp` is asked for, or keeps the
 * reference when the op is outside what the fast kernel handles exactly.
 */
import './conv2d';
import './fully_connected';
import './depthwise_conv2d';
import './add';
import './avg_pool';
