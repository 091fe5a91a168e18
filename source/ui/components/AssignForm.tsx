/** Assign: pick a version (or a commit to register), then a stage; shows the stage before and after. */
import {Box, Text} from 'ink';
import {DEFAULT_STAGE_QUERY, stageHolders} from '../../registry/resolve.js';
import {assignStage, stageError, type AssignForm as Form} from '../forms.js';
import {shortVersion} from '../grid.js';
import {scrollTop} from '../layout.js';
import type {Snapshot} from '../services.types.js';
import {useTheme} from './ThemeContext.js';

const List = ({items, index, active, height}: {items: readonly string[]; index: number; active: boolean; height: number}) => {
  const theme = useTheme();
  if (!active) return null;
  const top = scrollTop(0, index, height, items.length);
  return (
    <Box flexDirection="column">
      {items.slice(top, top + height).map((item, i) => {
        const here = top + i === index;
        return (
          <Text key={`${top + i}`} wrap="truncate">
            {'    '}
            <Text inverse={here}>
              {here ? `${theme.selectedMarker} ` : '  '}
              {item}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
};

export const AssignForm = ({form, snapshot, height}: {form: Form; snapshot: Snapshot; height: number}) => {
  const theme = useTheme();
  const choice = form.versions[form.versionIndex];
  const stage = assignStage(form);
  const artifact = snapshot.registry.artifacts.get(form.name);
  const holder = artifact && stage ? stageHolders(artifact, DEFAULT_STAGE_QUERY).get(stage)?.[0] : undefined;
  const listHeight = Math.max(1, height - 6);
  const marker = (on: boolean) => (on ? `${theme.selectedMarker} ` : '  ');
  const newStageProblem = form.step === 'newStage' && form.newStage !== '' ? stageError(form.newStage) : null;
  const willHold = choice ? (choice.version ?? `a new version at ${choice.commit.slice(0, 7)}`) : '-';
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Assign a stage to {form.name}
      </Text>
      <Text wrap="truncate">
        {marker(form.step === 'version')}
        <Text bold={form.step === 'version'}>{'Version'.padEnd(9)}</Text>
        {choice ? choice.label : '(nothing to assign)'}
      </Text>
      <List items={form.versions.map((v) => v.label)} index={form.versionIndex} active={form.step === 'version'} height={listHeight} />
      <Text wrap="truncate">
        {marker(form.step !== 'version')}
        <Text bold={form.step !== 'version'}>{'Stage'.padEnd(9)}</Text>
        {form.step === 'newStage' ? (
          <Text>
            {form.newStage}
            <Text inverse> </Text>
            {newStageProblem ? <Text color={theme.error}>  ✗ {newStageProblem}</Text> : null}
          </Text>
        ) : (
          (form.stages[form.stageIndex]?.label ?? '-')
        )}
      </Text>
      <List items={form.stages.map((s) => s.label)} index={form.stageIndex} active={form.step === 'stage'} height={listHeight} />
      {stage ? (
        <Text wrap="truncate">
          {'  '}
          {stage} holds now: <Text bold>{holder ? shortVersion(holder.version) : '-'}</Text>  →  will hold:{' '}
          <Text bold>{willHold}</Text>
        </Text>
      ) : null}
    </Box>
  );
};
