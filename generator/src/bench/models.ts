/** The models `npm run bench` measures (from ../shared/models). */
export const BENCH_MODELS = [
  'mlperf_kws_ref_model.tflite',
  'mlperf_vww_96_int8.tflite',
  'mlperf_pretrainedResnet_quant.tflite',
  'mlperf_ad01_int8.tflite',
  'tflm_hello_world_int8.tflite',
  'tflm_hello_world_float.tflite',
];
