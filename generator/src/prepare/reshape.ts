/** RESHAPE, SQUEEZE and EXPAND_DIMS: the output is the input's bytes under another shape. */
import { registerPrepare } from './registry';
import { PreparedOp } from './types';

registerPrepare(['RESHAPE', 'SQUEEZE', 'EXPAND_DIMS'], (): PreparedOp => ({
  eval: '',
  headers: [],
  sources: [],
  paramsType: null,
  params: null,
  scratchBytes: 0,
  alias: true,
}));
