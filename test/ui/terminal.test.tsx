import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
// test files are outside tsconfig's include, so tsx compiles their JSX with the classic runtime
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useTerminalSize} from '../../source/ui/hooks/useTerminalSize.js';
import {ALT_SCREEN, enterAlternateScreen} from '../../source/ui/terminal.js';

const waitFor = async (check: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

test('useTerminalSize follows the stream on resize', async () => {
  const stream = Object.assign(new EventEmitter(), {columns: 80, rows: 24});
  const Probe = () => {
    const size = useTerminalSize(stream);
    return <Text>{`${size.columns}x${size.rows}`}</Text>;
  };
  const {lastFrame, unmount} = render(<Probe />);
  assert.equal(lastFrame(), '80x24');
  stream.columns = 120;
  stream.rows = 40;
  stream.emit('resize');
  await waitFor(() => lastFrame() === '120x40');
  unmount();
  assert.equal(stream.listenerCount('resize'), 0, 'listener removed on unmount');
});

test('the alternate screen is entered once and left exactly once, handlers removed', () => {
  const written: string[] = [];
  const before = process.listenerCount('SIGINT');
  const session = enterAlternateScreen({write: (text: string) => written.push(text) > 0});
  assert.ok(written[0]!.startsWith(ALT_SCREEN.enter));
  assert.equal(process.listenerCount('SIGINT'), before + 1);
  session.restore();
  session.restore();
  assert.equal(written.filter((w) => w.includes(ALT_SCREEN.leave)).length, 1);
  assert.equal(process.listenerCount('SIGINT'), before);
});
