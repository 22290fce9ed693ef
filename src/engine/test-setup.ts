// Unit tests run the engine on tfjs's cpu backend in Node (tfjs-node cannot install here).
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();
