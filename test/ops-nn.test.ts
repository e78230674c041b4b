/**
 * The reductions and NN ops of issue 11 (SUM, REDUCE_MAX, REDUCE_MIN, TRANSPOSE_CONV,
 * RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR, ...) against tflite-micro: the per-op fixtures
 * (scripts/make_fixtures.py) on 30 random inputs each, one fixture per kernel also under
 * -fsanitize=address,undefined, and refusals TFLM makes too. int8 must be bit-identical, float32
 * within the verify tolerance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { verifyModel } from '../generator/src/verify';
import { FIXTURES, assertExact, describeFixtures } from './helpers/exact';

const MY_OPS = ['SUM', 'REDUCE_MAX', 'REDUCE_MIN', 'TRANSPOSE_CONV', 'RESIZE_NEAREST_NEIGHBOR', 'RESIZE_BILINEAR'];

/** One fixture per kernel, run under the sanitizers. */
const SANITIZE = [
  'sum_last_int8', 'sum_last_float32', 'reduce_max_c_int8', 'reduce_min_axis0_2_float32',
  'transpose_conv_3x3_s2_same_int8', 'transpose_conv_4x3_s1x2_nobias_float32',
  'resize_nearest_half_pixel_int8', 'resize_bilinear_half_pixel_int8', 'resize_bilinear_down_align_float32',
];

describe('NN ops and reductions against tflite-micro', function () {
  this.timeout(600000);
  describeFixtures(MY_OPS);

  describe('under -fsanitize=address,undefined', () => {
    for (const name of SANITIZE) {
      it(`${name} is exact`, function () {
        const file = path.join(FIXTURES, `${name}.tflite`);
        if (!fs.existsSync(file)) this.skip();
        assertExact(verifyModel(file, { samples: 3, sanitize: true }));
      });
    }
  });
});
