/**
 * Large YAML files (annotations files, dvc.yaml files) parsed on a worker thread. The `yaml` package takes seconds for a
 * file of a few megabytes (all of it synchronous), and JavaScript cannot run a signal's handler
 * meanwhile; on a worker the main thread stays free, and a stop (stop.ts) ends the worker.
 */
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {traceNote} from './git/exec.js';
import type {YamlResult} from './registry/yaml.js';
import {Interrupted, onStop, stopRequested} from './stop.js';

/**
 * The worker's file: beside this module in the module tree (dist/), or one level up from the
 * bundle (dist/bundle/program.cjs, whose modules are all in one file). Run from source (tsx),
 * there is none: a worker cannot load TypeScript, and the texts are parsed on this thread.
 */
const workerFile = (): string | null => {
  for (const candidate of ['./yamlWorker.js', '../yamlWorker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
};

/**
 * Each text's YAML, parsed on a worker thread; null when no worker could be started (the caller
 * parses on this thread then). Rejects with Interrupted when a stop is asked meanwhile.
 */
export const parseYamlOffThread = (texts: readonly string[]): Promise<Map<string, YamlResult> | null> => {
  const file = workerFile();
  if (file === null || texts.length === 0) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(file, {workerData: texts});
    } catch {
      resolve(null);
      return;
    }
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      stopListening();
      action();
    };
    const stopListening = onStop((signal) => {
      void worker.terminate();
      settle(() => reject(new Interrupted(signal)));
    });
    const startedAt = performance.now();
    worker.once('message', (results: YamlResult[]) => {
      traceNote(`${texts.length} YAML file${texts.length === 1 ? '' : 's'} parsed on a worker thread (${Math.round(performance.now() - startedAt)} ms)`);
      settle(() => resolve(new Map(texts.map((text, i) => [text, results[i]!]))));
      void worker.terminate();
    });
    worker.once('error', () => settle(() => resolve(null)));
    worker.once('exit', () => {
      const signal = stopRequested();
      settle(() => (signal === null ? resolve(null) : reject(new Interrupted(signal))));
    });
  });
};
