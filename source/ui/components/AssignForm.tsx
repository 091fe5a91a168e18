/** Assign: pick a version (or a commit to register), then a stage; shows the stage before and after. */
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {DEFAULT_STAGE_QUERY, stageHolders} from '../../registry/resolve.js';
import {assignStage, stageError, type AssignForm as Form} from '../forms.js';
import {shortVersion} from '../grid.js';
import type {Snapshot} from '../services.types.js';
import {Picker} from './Picker.js';
import {useTheme} from './ThemeContext.js';

type Props = {
  form: Form;
  snapshot: Snapshot;
  height: number;
  /** This screen has the keyboard (its picker reacts to keys). */
  focused: boolean;
  onHighlight: (index: number) => void;
  onPick: (index: number) => void;
};

export const AssignForm = ({form, snapshot, height, focused, onHighlight, onPick}: Props) => {
  const theme = useTheme();
  const versionLabels = useMemo(() => form.versions.map((v) => v.label), [form.versions]);
  const stageLabels = useMemo(() => form.stages.map((s) => s.label), [form.stages]);
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
      {form.step === 'version' ? (
        <Picker labels={versionLabels} index={form.versionIndex} height={listHeight} focused={focused} onHighlight={onHighlight} onPick={onPick} />
      ) : null}
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
      {form.step === 'stage' ? (
        <Picker labels={stageLabels} index={form.stageIndex} height={listHeight} focused={focused} onHighlight={onHighlight} onPick={onPick} />
      ) : null}
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
