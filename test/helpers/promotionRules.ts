/** The promotion rules the rules tests share (CLI, core and UI judge the same file). */

/** Five stages, two roads into prod (stage, or hot-stage straight from dev), and a day in either first. */
export const DAG_RULES = [
  'promotion:',
  '  qa: {after: [dev]}',
  '  stage: {after: [qa]}',
  '  hot-stage: {after: [dev]}',
  '  prod: {after: [stage, hot-stage], held_for: 24h}',
  '',
].join('\n');
