/**
 * The worker thread of yamlThread.ts: parses the YAML texts it is given, as GTO reads them, and
 * posts the results back in the same order.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {parseGtoYaml} from './registry/yaml.js';

const texts = workerData as readonly string[];
parentPort?.postMessage(texts.map((text) => parseGtoYaml(text)));
