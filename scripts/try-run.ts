import * as tf from '@tensorflow/tfjs';
import { runExperiment } from '../src/engine/experiment';
import { RunControl } from '../src/engine/control';
import { DEFAULT_CONFIG } from '../src/engine/config';
await tf.setBackend('cpu');
const config = { ...DEFAULT_CONFIG, epochs: 3, teacherEpochs: 3, ...JSON.parse(process.argv[2] ?? '{}') };
const control = new RunControl({ tau: config.tau, lambda: config.lambda });
await runExperiment(config, { emit: (e) => e.type !== 'progress' && console.log(JSON.stringify({ ...e, grid: undefined }), tf.memory().numTensors), control });
